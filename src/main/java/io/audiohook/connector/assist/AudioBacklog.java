package io.audiohook.connector.assist;

import java.util.ArrayDeque;

/**
 * Audio of one channel waiting to be sent, as the frames it arrived in. Bounded in bytes: when full, the
 * oldest audio goes first, because the newest is what the agent needs transcribed now. Not thread-safe;
 * its owner serialises access.
 */
final class AudioBacklog {
    /** Frames from Genesys carry their arrival time; replayed look-back audio has none. */
    static final long REPLAY = -1;

    private final int capacity;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private int size;

    private static final class Segment {
        final byte[] data;
        int offset;
        final long arrivalNanos;

        Segment(byte[] data, long arrivalNanos) {
            this.data = data;
            this.arrivalNanos = arrivalNanos;
        }

        int remaining() {
            return data.length - offset;
        }
    }

    /** Receives the arrival time of each frame whose last byte was just taken. */
    interface FrameSent {
        void sent(long arrivalNanos);
    }

    AudioBacklog(int capacity) {
        this.capacity = capacity;
    }

    /** @return bytes of Genesys audio dropped from the head to stay within the bound */
    int add(byte[] data, long arrivalNanos) {
        if (data.length == 0) {
            return 0;
        }
        segments.addLast(new Segment(data, arrivalNanos));
        size += data.length;
        return trim();
    }

    /** Puts audio in front of everything waiting (look-back replay). @return bytes dropped at the bound */
    int addFirst(byte[] data) {
        if (data.length == 0) {
            return 0;
        }
        segments.addFirst(new Segment(data, REPLAY));
        size += data.length;
        return trim();
    }

    /** Replayed bytes are copies of audio already sent, so losing them loses nothing: they are not counted. */
    private int trim() {
        int dropped = 0;
        while (size > capacity) {
            Segment head = segments.peekFirst();
            int cut = Math.min(head.remaining(), size - capacity);
            head.offset += cut;
            size -= cut;
            if (head.arrivalNanos != REPLAY) {
                dropped += cut;
            }
            if (head.remaining() == 0) {
                segments.pollFirst();
            }
        }
        return dropped;
    }

    /** Takes up to {@code max} bytes from the head. */
    byte[] take(int max, FrameSent frames) {
        int n = Math.min(max, size);
        byte[] out = new byte[n];
        int filled = 0;
        while (filled < n) {
            Segment head = segments.peekFirst();
            int k = Math.min(head.remaining(), n - filled);
            System.arraycopy(head.data, head.offset, out, filled, k);
            head.offset += k;
            filled += k;
            if (head.remaining() == 0) {
                segments.pollFirst();
                if (head.arrivalNanos != REPLAY) {
                    frames.sent(head.arrivalNanos);
                }
            }
        }
        size -= n;
        return out;
    }

    /** Bytes at the head that are replayed look-back audio. */
    int replayAtHead() {
        int n = 0;
        for (Segment s : segments) {
            if (s.arrivalNanos != REPLAY) {
                break;
            }
            n += s.remaining();
        }
        return n;
    }

    /** @return bytes of Genesys audio discarded (replayed copies are not counted) */
    int clear() {
        int n = size - replayAtHead();
        segments.clear();
        size = 0;
        return n;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }
}
