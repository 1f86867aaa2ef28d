package io.audiohook.connector.audio;

import java.util.Locale;
import java.util.Optional;

/** Audio sample encodings that AudioHook v2 can negotiate (always 8000 Hz). */
public enum SampleFormat {

    /** G.711 µ-law, one byte per sample. The only format Genesys Cloud currently offers. */
    PCMU("PCMU", 1),

    /**
     * Signed 16-bit linear PCM, two bytes per sample. Little-endian, because that is how the
     * Genesys reference implementation reads it; the protocol text does not pin the byte order.
     */
    L16("L16", 2);

    private final String protocolName;
    private final int bytesPerSample;

    SampleFormat(String protocolName, int bytesPerSample) {
        this.protocolName = protocolName;
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** The spelling used in the {@code media[].format} field of {@code open}/{@code opened}. */
    public String protocolName() {
        return protocolName;
    }

    /**
     * Looks up a format by its protocol spelling. Case is ignored because a mismatch in case alone
     * is not worth refusing a call over; anything else unknown yields empty so the caller can skip
     * that media offer instead of failing the session.
     */
    public static Optional<SampleFormat> fromProtocolName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.toUpperCase(Locale.ROOT)) {
            case "PCMU":
                return Optional.of(PCMU);
            case "L16":
                return Optional.of(L16);
            default:
                return Optional.empty();
        }
    }
}
