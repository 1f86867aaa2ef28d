package io.audiohook.connector.audio;

import java.util.Objects;

/** Decodes a run of encoded bytes of either negotiated format into linear 16-bit samples. */
public final class AudioDecoder {

    private AudioDecoder() {
    }

    /** Number of samples {@code len} bytes hold; rejects a length that would split a sample. */
    public static int sampleCount(SampleFormat format, int len) {
        Objects.requireNonNull(format, "format");
        int bps = format.bytesPerSample();
        if (len < 0 || len % bps != 0) {
            throw new IllegalArgumentException(
                    len + " bytes is not a whole number of " + format.protocolName() + " samples ("
                            + bps + (bps == 1 ? " byte" : " bytes") + " each)");
        }
        return len / bps;
    }

    /** Convenience form that allocates the result; prefer the buffer overload on the hot path. */
    public static short[] decode(SampleFormat format, byte[] src, int off, int len) {
        short[] out = new short[sampleCount(format, len)];
        decode(format, src, off, len, out, 0);
        return out;
    }

    /**
     * Decodes {@code len} bytes into {@code dst} starting at {@code dstOff}.
     *
     * @return the number of samples written
     */
    public static int decode(SampleFormat format, byte[] src, int off, int len, short[] dst, int dstOff) {
        int samples = sampleCount(format, len);
        switch (format) {
            case PCMU:
                MuLaw.decode(src, off, samples, dst, dstOff);
                break;
            case L16:
                Linear16.decode(src, off, samples, dst, dstOff);
                break;
            default:
                throw new IllegalStateException("unhandled format " + format);
        }
        return samples;
    }
}
