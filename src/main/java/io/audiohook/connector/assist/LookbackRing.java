package io.audiohook.connector.assist;

/**
 * The last audio sent on the current stream, so that what followed the last final result can be replayed
 * on the next stream. Bounded by the look-back duration. Not thread-safe; its owner serialises access.
 */
final class LookbackRing {
    private final byte[] ring;
    private int start;
    private int size;

    LookbackRing(int capacity) {
        this.ring = new byte[capacity];
    }

    void write(byte[] data) {
        if (ring.length == 0) {
            return;
        }
        int from = Math.max(0, data.length - ring.length);
        for (int i = from; i < data.length; i++) {
            int end = (start + size) % ring.length;
            ring[end] = data[i];
            if (size < ring.length) {
                size++;
            } else {
                start = (start + 1) % ring.length;
            }
        }
    }

    /** The newest {@code n} bytes (fewer if fewer are kept). */
    byte[] tail(long n) {
        int k = (int) Math.min(n, size);
        byte[] out = new byte[k];
        int first = (start + size - k) % Math.max(1, ring.length);
        for (int i = 0; i < k; i++) {
            out[i] = ring[(first + i) % ring.length];
        }
        return out;
    }

    void clear() {
        start = 0;
        size = 0;
    }
}
