package io.audiohook.connector.audio;

import java.util.Objects;

/**
 * Signed 16-bit little-endian PCM ↔ {@code short} conversion. Counts are in samples, not bytes,
 * so an odd byte count can never be expressed by accident.
 */
public final class Linear16 {

    public static final int BYTES_PER_SAMPLE = 2;

    private Linear16() {
    }

    public static void decode(byte[] src, int srcOff, int samples, short[] dst, int dstOff) {
        checkCount(samples);
        Objects.checkFromIndexSize(srcOff, samples * BYTES_PER_SAMPLE, src.length);
        Objects.checkFromIndexSize(dstOff, samples, dst.length);
        for (int i = 0, s = srcOff; i < samples; i++, s += 2) {
            dst[dstOff + i] = (short) ((src[s] & 0xFF) | (src[s + 1] << 8));
        }
    }

    public static void encode(short[] src, int srcOff, int samples, byte[] dst, int dstOff) {
        checkCount(samples);
        Objects.checkFromIndexSize(srcOff, samples, src.length);
        Objects.checkFromIndexSize(dstOff, samples * BYTES_PER_SAMPLE, dst.length);
        for (int i = 0, d = dstOff; i < samples; i++, d += 2) {
            short v = src[srcOff + i];
            dst[d] = (byte) v;
            dst[d + 1] = (byte) (v >> 8);
        }
    }

    private static void checkCount(int samples) {
        // Guards the byte-count multiplication above against overflow into a passing bounds check.
        if (samples < 0 || samples > Integer.MAX_VALUE / BYTES_PER_SAMPLE) {
            throw new IndexOutOfBoundsException("sample count out of range: " + samples);
        }
    }
}
