package io.audiohook.connector.audio;

import java.util.Objects;

/**
 * ITU-T G.711 µ-law codec (bias 0x84, clip at 32635), producing and consuming 16-bit linear
 * samples scaled like the classic reference code, so that decoding maps into ±32124.
 *
 * <p>Code 0x7F ("negative zero") decodes to 0, as 0xFF does. Some tables, including the one in the
 * Genesys reference implementation, return −1 for it; a one-step difference at silence level is
 * inaudible and irrelevant to speech recognition, and 0 keeps the table symmetric.
 */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    // Decoding is the per-frame hot path (every received byte), so it is a plain array lookup.
    private static final short[] DECODE = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            // Codes are transmitted bit-inverted; after inversion the top bit set means negative.
            int inverted = ~code & 0xFF;
            int exponent = (inverted >> 4) & 0x07;
            int mantissa = inverted & 0x0F;
            // Each segment doubles the step size; the bias keeps segment 0 continuous through zero.
            int magnitude = (mantissa << (exponent + 3)) + (BIAS << exponent) - BIAS;
            DECODE[code] = (short) ((inverted & 0x80) != 0 ? -magnitude : magnitude);
        }
    }

    private MuLaw() {
    }

    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /**
     * Encodes with the segment search done by {@link Integer#numberOfLeadingZeros}, which compiles
     * to a single instruction; encoding is not on the receive path, so a 64 KiB table would buy
     * little and cost cache.
     */
    public static byte encode(short sample) {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm; // int arithmetic, so -32768 does not wrap
        }
        if (pcm > CLIP) {
            pcm = CLIP;
        }
        pcm += BIAS;
        // pcm is now in [0x84, 0x7FFF]: its highest set bit (7..14) selects the segment.
        int exponent = 24 - Integer.numberOfLeadingZeros(pcm);
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Decodes {@code len} codes; µ-law has one byte per sample, so {@code len} is also the sample count. */
    public static void decode(byte[] src, int srcOff, int len, short[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        final short[] table = DECODE;
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = table[src[srcOff + i] & 0xFF];
        }
    }

    /** Encodes {@code len} samples into {@code len} bytes. */
    public static void encode(short[] src, int srcOff, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = encode(src[srcOff + i]);
        }
    }
}
