package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelSplitterTest {

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @ParameterizedTest
    @CsvSource({"1, PCMU, 1", "2, PCMU, 2", "1, L16, 2", "2, L16, 4", "3, L16, 6"})
    void frameBytes(int channels, SampleFormat format, int expected) {
        assertEquals(expected, new ChannelSplitter(channels, format).frameBytes());
    }

    @Test
    void validLengths() {
        ChannelSplitter stereoPcmu = new ChannelSplitter(2, SampleFormat.PCMU);
        assertTrue(stereoPcmu.isValidLength(3200));
        assertTrue(stereoPcmu.isValidLength(2));
        assertFalse(stereoPcmu.isValidLength(3201));
        assertFalse(stereoPcmu.isValidLength(0));
        assertFalse(stereoPcmu.isValidLength(-2));

        ChannelSplitter stereoL16 = new ChannelSplitter(2, SampleFormat.L16);
        assertTrue(stereoL16.isValidLength(6400));
        assertFalse(stereoL16.isValidLength(6402), "even but not a multiple of 4");
        assertFalse(stereoL16.isValidLength(2));

        ChannelSplitter monoPcmu = new ChannelSplitter(1, SampleFormat.PCMU);
        assertTrue(monoPcmu.isValidLength(1));
        assertTrue(monoPcmu.isValidLength(1601));
    }

    @Test
    void stereoPcmuSplitsBySampleInstant() {
        byte[] frame = {10, 20, 11, 21, 12, 22};
        byte[][] out = new ChannelSplitter(2, SampleFormat.PCMU).split(frame, 0, frame.length);
        assertEquals(2, out.length);
        assertArrayEquals(new byte[] {10, 11, 12}, out[0]);
        assertArrayEquals(new byte[] {20, 21, 22}, out[1]);
    }

    @Test
    void stereoL16KeepsSampleBytesTogether() {
        // ch0 s0 = 0x0201, ch1 s0 = 0x0403, ch0 s1 = 0x0605, ch1 s1 = 0x0807 (little-endian)
        byte[] frame = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[][] out = new ChannelSplitter(2, SampleFormat.L16).split(frame, 0, frame.length);
        assertArrayEquals(new byte[] {1, 2, 5, 6}, out[0]);
        assertArrayEquals(new byte[] {3, 4, 7, 8}, out[1]);
        assertArrayEquals(new short[] {0x0201, 0x0605}, AudioDecoder.decode(SampleFormat.L16, out[0], 0, 4));
    }

    @Test
    void monoReturnsACopyOfTheRange() {
        byte[] frame = ramp(10);
        byte[][] out = new ChannelSplitter(1, SampleFormat.PCMU).split(frame, 2, 5);
        assertEquals(1, out.length);
        assertArrayEquals(new byte[] {2, 3, 4, 5, 6}, out[0]);
        assertNotSame(frame, out[0]);
    }

    @Test
    void monoL16() {
        byte[][] out = new ChannelSplitter(1, SampleFormat.L16).split(ramp(4), 0, 4);
        assertArrayEquals(new byte[] {0, 1, 2, 3}, out[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new ChannelSplitter(1, SampleFormat.L16).split(ramp(4), 0, 3));
    }

    @Test
    void genericPathForMoreChannels() {
        // 3 channels × 2 bytes, two instants
        byte[] frame = ramp(12);
        byte[][] out = new ChannelSplitter(3, SampleFormat.L16).split(frame, 0, 12);
        assertArrayEquals(new byte[] {0, 1, 6, 7}, out[0]);
        assertArrayEquals(new byte[] {2, 3, 8, 9}, out[1]);
        assertArrayEquals(new byte[] {4, 5, 10, 11}, out[2]);
    }

    @Test
    void fastPathsAgreeWithGenericDefinition() {
        byte[] frame = ramp(3200);
        for (SampleFormat format : SampleFormat.values()) {
            ChannelSplitter splitter = new ChannelSplitter(2, format);
            byte[][] out = splitter.split(frame, 0, frame.length);
            int bps = format.bytesPerSample();
            for (int c = 0; c < 2; c++) {
                assertEquals(frame.length / 2, out[c].length);
                for (int i = 0; i < out[c].length; i++) {
                    int instant = i / bps;
                    int byteInSample = i % bps;
                    assertEquals(frame[instant * 2 * bps + c * bps + byteInSample], out[c][i],
                            format + " ch" + c + " byte " + i);
                }
            }
        }
    }

    @Test
    void honoursSourceOffset() {
        byte[] frame = {99, 10, 20, 11, 21, 99};
        byte[][] out = new ChannelSplitter(2, SampleFormat.PCMU).split(frame, 1, 4);
        assertArrayEquals(new byte[] {10, 11}, out[0]);
        assertArrayEquals(new byte[] {20, 21}, out[1]);
    }

    @Test
    void writesIntoCallerBuffersAtOffset() {
        ChannelSplitter splitter = new ChannelSplitter(2, SampleFormat.PCMU);
        byte[][] dst = {new byte[5], new byte[5]};
        int n = splitter.split(new byte[] {10, 20, 11, 21}, 0, 4, dst, 3);
        assertEquals(2, n);
        assertArrayEquals(new byte[] {0, 0, 0, 10, 11}, dst[0]);
        assertArrayEquals(new byte[] {0, 0, 0, 20, 21}, dst[1]);

        ChannelSplitter mono = new ChannelSplitter(1, SampleFormat.PCMU);
        byte[][] monoDst = {new byte[3]};
        assertEquals(2, mono.split(new byte[] {7, 8}, 0, 2, monoDst, 1));
        assertArrayEquals(new byte[] {0, 7, 8}, monoDst[0]);
    }

    @Test
    void callerBuffersMustFit() {
        ChannelSplitter splitter = new ChannelSplitter(2, SampleFormat.PCMU);
        assertThrows(IndexOutOfBoundsException.class,
                () -> splitter.split(new byte[4], 0, 4, new byte[][] {new byte[2], new byte[1]}, 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> splitter.split(new byte[4], 0, 4, new byte[][] {new byte[2], new byte[2]}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> splitter.split(new byte[4], 0, 4, new byte[][] {new byte[2]}, 0));
    }

    @Test
    void rejectsBadLengthWithClearMessage() {
        ChannelSplitter stereoPcmu = new ChannelSplitter(2, SampleFormat.PCMU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stereoPcmu.split(new byte[3201], 0, 3201));
        assertEquals("frame of 3201 bytes is not a multiple of 2 (2 channels × 1 byte)", e.getMessage());

        ChannelSplitter stereoL16 = new ChannelSplitter(2, SampleFormat.L16);
        e = assertThrows(IllegalArgumentException.class, () -> stereoL16.split(new byte[6], 0, 6));
        assertEquals("frame of 6 bytes is not a multiple of 4 (2 channels × 2 bytes)", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> stereoPcmu.split(new byte[0], 0, 0));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void rejectsRangeOutsideArray() {
        ChannelSplitter splitter = new ChannelSplitter(2, SampleFormat.PCMU);
        assertThrows(IndexOutOfBoundsException.class, () -> splitter.split(new byte[4], 2, 4));
    }

    @Test
    void rejectsBadConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelSplitter(0, SampleFormat.PCMU));
        assertThrows(NullPointerException.class, () -> new ChannelSplitter(2, null));
    }

    @Test
    void samplesPerChannel() {
        assertEquals(1600, new ChannelSplitter(2, SampleFormat.PCMU).samplesPerChannel(3200));
        assertEquals(1600, new ChannelSplitter(2, SampleFormat.L16).samplesPerChannel(6400));
        assertEquals(1600, new ChannelSplitter(1, SampleFormat.PCMU).samplesPerChannel(1600));
    }
}
