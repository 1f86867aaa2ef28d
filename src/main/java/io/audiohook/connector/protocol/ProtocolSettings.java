package io.audiohook.connector.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Per-instance protocol policy.
 *
 * @param formats           formats this server accepts, in order of preference among equally wide offers
 * @param startPaused       answer {@code opened} with {@code startPaused:true} (the client then waits for {@code resume})
 * @param languages         returned in {@code opened.supportedLanguages} when the client asks for them
 * @param acknowledgeUpdate answer {@code update} with {@code updated}; off by default like the reference server
 * @param openTimeout       how long a new socket may stay silent before {@code open}
 * @param idleTimeout       how long an open session may go without any client message or audio
 * @param flushTimeout      the longest {@code close} waits for final results before {@code closed} goes out
 * @param disconnectTimeout how long the client gets to answer {@code disconnect} with {@code close}
 * @param lingerTimeout     how long the socket may stay up after {@code closed}
 */
public record ProtocolSettings(
        List<MediaFormat> formats,
        boolean startPaused,
        List<String> languages,
        boolean acknowledgeUpdate,
        Duration openTimeout,
        Duration idleTimeout,
        Duration flushTimeout,
        Duration disconnectTimeout,
        Duration lingerTimeout) {

    public static final int MAX_BINARY_BYTES = 65_536;

    public ProtocolSettings {
        formats = List.copyOf(formats);
        languages = List.copyOf(languages);
        if (formats.isEmpty() || Set.copyOf(formats).size() != formats.size()) {
            throw new IllegalArgumentException("formats must be a non-empty list without repetitions");
        }
        for (String language : languages) {
            if (!ClientMessageCodec.isValidLanguage(language)) {
                throw new IllegalArgumentException("not a language code: " + language);
            }
        }
        Objects.requireNonNull(openTimeout);
        Objects.requireNonNull(idleTimeout);
        Objects.requireNonNull(flushTimeout);
        Objects.requireNonNull(disconnectTimeout);
        Objects.requireNonNull(lingerTimeout);
    }

    public static ProtocolSettings defaults() {
        return new ProtocolSettings(List.of(MediaFormat.PCMU, MediaFormat.L16), false,
                List.of("en-US", "en-GB", "en-AU", "en-IN", "es-US", "es-ES", "fr-FR", "fr-CA", "de-DE", "it-IT",
                        "pt-BR", "ja-JP"),
                false, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }
}
