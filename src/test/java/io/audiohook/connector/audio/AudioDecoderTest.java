package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioDecoderTest {

    @Test
    void decodesPcmu() {
        byte[] src = {0x55, (byte) 0xFF, 0x00, (byte) 0x80, 0x55};
        assertArrayEquals(new short[] {0, -32124, 32124}, AudioDecoder.decode(SampleFormat.PCMU, src, 1, 3));
    }

    @Test
    void decodesL16() {
        byte[] src = {0x55, 0x01, 0x00, (byte) 0xFF, (byte) 0xFF};
        assertArrayEquals(new short[] {1, -1}, AudioDecoder.decode(SampleFormat.L16, src, 1, 4));
    }

    @Test
    void bufferOverloadReturnsSampleCountAndWritesAtOffset() {
        short[] dst = new short[5];
        int n = AudioDecoder.decode(SampleFormat.L16, new byte[] {2, 0, 3, 0}, 0, 4, dst, 2);
        assertEquals(2, n);
        assertArrayEquals(new short[] {0, 0, 2, 3, 0}, dst);

        n = AudioDecoder.decode(SampleFormat.PCMU, new byte[] {(byte) 0xFE}, 0, 1, dst, 0);
        assertEquals(1, n);
        assertEquals(8, dst[0]);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(0, AudioDecoder.decode(SampleFormat.PCMU, new byte[0], 0, 0).length);
        assertEquals(0, AudioDecoder.decode(SampleFormat.L16, new byte[0], 0, 0).length);
    }

    @Test
    void rejectsPartialL16Sample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioDecoder.decode(SampleFormat.L16, new byte[3], 0, 3));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioDecoder.sampleCount(SampleFormat.PCMU, -1));
    }

    @Test
    void rejectsTooSmallDestination() {
        assertThrows(IndexOutOfBoundsException.class,
                () -> AudioDecoder.decode(SampleFormat.PCMU, new byte[4], 0, 4, new short[3], 0));
    }
}
