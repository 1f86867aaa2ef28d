package io.audiohook.connector.client;

/** The two sample formats AudioHook v2 defines; the name is what goes into media.format. */
public enum AudioEncoding {
    PCMU(1),
    /** 16-bit signed little-endian, the byte order the reference implementation uses. */
    L16(2);

    private final int bytesPerSample;

    AudioEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }
}
