package io.audiohook.connector.protocol;

import java.util.Optional;

/** Audio formats AudioHook v2 defines; the rate is always 8000 Hz. */
public enum MediaFormat {
    PCMU(1),
    L16(2);

    private final int bytesPerSample;

    MediaFormat(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    public static Optional<MediaFormat> fromWire(String name) {
        for (MediaFormat f : values()) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
