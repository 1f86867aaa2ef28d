package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class Linear16Test {

    @Test
    void decodesLittleEndian() {
        byte[] src = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0x80, (byte) 0xFF, 0x7F};
        short[] dst = new short[4];
        Linear16.decode(src, 0, 4, dst, 0);
        assertArrayEquals(new short[] {0x1234, -1, Short.MIN_VALUE, Short.MAX_VALUE}, dst);
    }

    @Test
    void encodesLittleEndian() {
        short[] src = {0x1234, -2, Short.MIN_VALUE};
        byte[] dst = new byte[6];
        Linear16.encode(src, 0, 3, dst, 0);
        assertArrayEquals(new byte[] {0x34, 0x12, (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0x80}, dst);
    }

    @Test
    void agreesWithByteBufferForEveryValue() {
        byte[] bytes = new byte[65536 * 2];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            bb.putShort((short) v);
        }
        short[] decoded = new short[65536];
        Linear16.decode(bytes, 0, 65536, decoded, 0);
        for (int i = 0; i < 65536; i++) {
            assertEquals((short) (Short.MIN_VALUE + i), decoded[i]);
        }
        byte[] again = new byte[bytes.length];
        Linear16.encode(decoded, 0, 65536, again, 0);
        assertArrayEquals(bytes, again);
    }

    @Test
    void honoursOffsets() {
        byte[] src = {9, 0x01, 0x02, 0x03, 0x04, 9};
        short[] dst = new short[4];
        Linear16.decode(src, 1, 2, dst, 1);
        assertArrayEquals(new short[] {0, 0x0201, 0x0403, 0}, dst);

        byte[] out = new byte[6];
        Linear16.encode(dst, 1, 2, out, 1);
        assertArrayEquals(new byte[] {0, 0x01, 0x02, 0x03, 0x04, 0}, out);
    }

    @Test
    void rejectsOutOfRange() {
        assertThrows(IndexOutOfBoundsException.class, () -> Linear16.decode(new byte[3], 0, 2, new short[2], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Linear16.decode(new byte[4], 0, 2, new short[1], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Linear16.decode(new byte[4], 0, -1, new short[1], 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> Linear16.decode(new byte[4], 0, Integer.MAX_VALUE / 2 + 1, new short[1], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Linear16.encode(new short[2], 0, 2, new byte[3], 0));
    }
}
