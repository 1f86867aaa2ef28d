package io.audiohook.connector.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the one offer {@code opened} echoes: stereo before mono (both parties are wanted), then the
 * preferred format, then the client's own order. The entry is never altered, so a client offering only
 * {@code ["internal","external"]} gets exactly that order back.
 */
public final class MediaSelector {
    private MediaSelector() {
    }

    public static Optional<MediaOffer> select(List<MediaOffer> offers, List<MediaFormat> preferredFormats) {
        Comparator<MediaOffer> byWidth = Comparator.comparingInt(o -> -o.channelCount());
        Comparator<MediaOffer> byFormat = Comparator.comparingInt(o -> preferredFormats.indexOf(o.format()));
        // Stream#min keeps the first of equal elements, which preserves the client's order as the last tie-break.
        return offers.stream()
                .filter(o -> preferredFormats.contains(o.format()))
                .min(byWidth.thenComparing(byFormat));
    }
}
