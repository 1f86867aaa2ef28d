package io.audiohook.connector.assist;

import com.google.protobuf.ByteString;

/**
 * The last audio sent on the current stream, so that what followed the last final result can be replayed
 * on the next stream. Bounded by the look-back duration. Not thread-safe; its owner serialises access.
 *
 * <p>
 * Every byte sent to Dialogflow passes through here on the event loop, so writes are block copies (at most
 * two, around the wrap), never per-byte work.
 */
final class LookbackRing {
    private final byte[] ring;
    /** Index of the oldest byte kept. */
    private int start;
    private int size;

    LookbackRing(int capacity) {
        this.ring = new byte[capacity];
    }

    void write(ByteString data) {
        int capacity = ring.length;
        if (capacity == 0 || data.isEmpty()) {
            return;
        }
        int n = Math.min(data.size(), capacity);
        int from = data.size() - n;
        int end = (start + size) % capacity;
        int first = Math.min(n, capacity - end);
        data.copyTo(ring, from, end, first);
        data.copyTo(ring, from + first, 0, n - first);
        int overflow = size + n - capacity;
        if (overflow > 0) {
            start = (start + overflow) % capacity;
            size = capacity;
        } else {
            size += n;
        }
    }

    /** The newest {@code n} bytes (fewer if fewer are kept). */
    byte[] tail(long n) {
        int k = (int) Math.min(n, size);
        byte[] out = new byte[k];
        if (k == 0) {
            return out;
        }
        int capacity = ring.length;
        int first = (start + size - k) % capacity;
        int head = Math.min(k, capacity - first);
        System.arraycopy(ring, first, out, 0, head);
        System.arraycopy(ring, 0, out, head, k - head);
        return out;
    }

    void clear() {
        start = 0;
        size = 0;
    }
}
