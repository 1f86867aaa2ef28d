package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MuLawTest {

    /**
     * Independent decode written the way the classic public-domain g711.c does it (add bias after
     * shifting the biased mantissa, subtract for the sign), rather than the way the production table
     * is built.
     */
    private static int referenceDecode(int code) {
        int u = ~code & 0xFF;
        int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /**
     * Independent check of the encoder: the G.711 quantiser truncates, so a code stands for the
     * half-open interval of magnitudes [lo, lo + step) in its segment. Inputs beyond the clip level
     * belong to the top code.
     */
    private static boolean intervalContains(int code, int x) {
        // Interval of a µ-law code in the biased magnitude domain: [base, base + step).
        int u = ~code & 0xFF;
        int e = (u >> 4) & 7;
        int m = u & 0x0F;
        int lo = ((m + 16) << (e + 3)) - 0x84;
        int hi = lo + (1 << (e + 3));
        boolean negativeCode = (u & 0x80) != 0;
        if (negativeCode != (x < 0)) {
            return false;
        }
        int mag = Math.min(Math.abs(x), 32635);
        return mag >= lo && mag < hi;
    }

    @Test
    void fullTableMatchesReferenceFormula() {
        for (int b = 0; b < 256; b++) {
            assertEquals(referenceDecode(b), MuLaw.decode((byte) b), "code 0x" + Integer.toHexString(b));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0x00, -32124",
        "0x80, 32124",
        "0xFF, 0",
        "0x7F, 0",
        "0xFE, 8",
        "0x7E, -8",
        "0xEF, 132",
        "0x6F, -132",
        "0x0F, -16764",
        "0x8F, 16764",
        "0x70, -120",
        "0xF0, 120",
    })
    void knownValues(String hex, int expected) {
        int code = Integer.decode(hex);
        assertEquals(expected, MuLaw.decode((byte) code));
    }

    @Test
    void encodeInvertsDecodeExceptNegativeZero() {
        for (int b = 0; b < 256; b++) {
            byte code = (byte) b;
            byte back = MuLaw.encode(MuLaw.decode(code));
            if (b == 0x7F) {
                assertEquals((byte) 0xFF, back, "negative zero collapses to positive zero");
            } else {
                assertEquals(code, back, "code 0x" + Integer.toHexString(b));
            }
        }
    }

    @Test
    void decodeIsMonotonicWithinEachHalf() {
        // Larger code → larger value inside each half: 0x00..0x7F runs -32124 → 0, 0x80..0xFF runs 32124 → 0.
        for (int b = 1; b < 128; b++) {
            assertTrue(MuLaw.decode((byte) b) > MuLaw.decode((byte) (b - 1)), "negative half at " + b);
        }
        for (int b = 129; b < 256; b++) {
            assertTrue(MuLaw.decode((byte) b) < MuLaw.decode((byte) (b - 1)), "positive half at " + b);
        }
    }

    @Test
    void decodeIsSymmetric() {
        for (int b = 0; b < 128; b++) {
            assertEquals(-MuLaw.decode((byte) (b | 0x80)), MuLaw.decode((byte) b));
        }
    }

    @Test
    void extremesAndClipping() {
        assertEquals((byte) 0xFF, MuLaw.encode((short) 0));
        assertEquals((byte) 0x80, MuLaw.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, MuLaw.encode(Short.MIN_VALUE));
        assertEquals((byte) 0x80, MuLaw.encode((short) 32635));
        assertEquals((byte) 0x80, MuLaw.encode((short) 32124));
        assertEquals((byte) 0x00, MuLaw.encode((short) -32635));
        assertEquals((byte) 0x7F, MuLaw.encode((short) -1));
        assertEquals((byte) 0xFF, MuLaw.encode((short) 1));
    }

    @Test
    void everySixteenBitValueEncodesIntoItsQuantisationInterval() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            byte code = MuLaw.encode((short) x);
            int c = code & 0xFF;
            // Zero has no sign of its own; the encoder must pick the positive-zero code.
            if (x == 0) {
                assertEquals(0xFF, c);
                continue;
            }
            assertTrue(intervalContains(c, x), "x=" + x + " code=0x" + Integer.toHexString(c));
        }
    }

    @Test
    void encodeIsMonotonicNonDecreasingInDecodedValue() {
        int previous = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int decoded = MuLaw.decode(MuLaw.encode((short) x));
            assertTrue(decoded >= previous, "at " + x);
            previous = decoded;
        }
    }

    @Test
    void bulkMatchesScalarWithOffsets() {
        byte[] src = new byte[260];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 7);
        }
        short[] dst = new short[300];
        MuLaw.decode(src, 3, 256, dst, 10);
        for (int i = 0; i < 256; i++) {
            assertEquals(MuLaw.decode(src[3 + i]), dst[10 + i]);
        }
        assertEquals(0, dst[9]);
        assertEquals(0, dst[266]);

        byte[] back = new byte[258];
        MuLaw.encode(dst, 10, 256, back, 2);
        for (int i = 0; i < 256; i++) {
            assertEquals(MuLaw.encode(dst[10 + i]), back[2 + i]);
        }
    }

    @Test
    void bulkRejectsOutOfRange() {
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.decode(new byte[4], 1, 4, new short[4], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.decode(new byte[4], 0, 4, new short[3], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> MuLaw.encode(new short[4], 0, 4, new byte[4], 1));
    }

    @Test
    void bulkOfZeroLengthIsNoOp() {
        short[] dst = {5};
        MuLaw.decode(new byte[0], 0, 0, dst, 1);
        assertArrayEquals(new short[] {5}, dst);
    }
}
