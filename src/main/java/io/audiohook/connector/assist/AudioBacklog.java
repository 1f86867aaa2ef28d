package io.audiohook.connector.assist;

import java.util.ArrayDeque;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/**
 * Audio of one channel waiting to be sent, as the frames it arrived in, each with its place on the AudioHook
 * timeline. Bounded in bytes: when full, the oldest audio goes first, because the newest is what the agent needs
 * transcribed now. Positions are in timeline samples (1/8000 s), whatever the encoding: a frame's bytes map to them
 * by {@code bytesPerTimelineSample}. Not thread-safe; its owner serialises access.
 */
final class AudioBacklog {
    /** Frames from Genesys carry their arrival time; replayed look-back audio has none. */
    static final long REPLAY = -1;

    private final int capacity;
    /** Bytes of 1/8000 s in the encoding sent: 1, 2 or 4. */
    private final int unit;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private int size;

    private static final class Segment {
        final byte[] data;
        int offset;
        /** Exclusive: replayed runs share one array. */
        final int end;
        final long arrivalNanos;
        /** Timeline position of {@code data[0]}, in samples. */
        final long position;

        Segment(byte[] data, int offset, int end, long arrivalNanos, long position) {
            this.data = data;
            this.offset = offset;
            this.end = end;
            this.arrivalNanos = arrivalNanos;
            this.position = position;
        }

        int remaining() {
            return end - offset;
        }
    }

    /** Hears of what each {@link #take} took. */
    interface Taken {
        /** The last byte of a frame that arrived at {@code arrivalNanos} was taken (look-back copies excepted). */
        void frameSent(long arrivalNanos);

        /** {@code samples} samples that are contiguous on the timeline, from {@code position}, were taken. */
        void run(long position, int samples);
    }

    /** @param bytesPerTimelineSample bytes of 1/8000 s of audio; the capacity and every size are whole ones */
    AudioBacklog(int capacity, int bytesPerTimelineSample) {
        this.capacity = capacity;
        this.unit = bytesPerTimelineSample;
    }

    /**
     * @param position the timeline position of the frame's first sample
     * @return bytes of Genesys audio dropped from the head to stay within the bound
     */
    int add(byte[] data, long arrivalNanos, long position) {
        if (data.length == 0) {
            return 0;
        }
        segments.addLast(new Segment(data, 0, data.length, arrivalNanos, position));
        size += data.length;
        return trim();
    }

    /**
     * Puts audio in front of everything waiting (look-back replay).
     *
     * @param runs where the copies sit on the timeline, as {@link StreamClock#tail} gives them: a position and a
     *             length in samples per run, together exactly as long as {@code data}
     * @return bytes dropped at the bound
     */
    int addFirst(byte[] data, long[] runs) {
        if (data.length == 0) {
            return 0;
        }
        int end = data.length;
        for (int k = runs.length - 2; k >= 0; k -= 2) {
            int start = end - (int) runs[k + 1] * unit;
            // data[start] is at runs[k]; the first run may begin before the copy does
            segments.addFirst(new Segment(data, Math.max(0, start), end, REPLAY, runs[k] - start / unit));
            end = Math.max(0, start);
        }
        size += data.length - end; // copies no run places (there are none by construction) are not replayed
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

    /**
     * Takes up to {@code max} bytes from the head. A run within one frame (the usual case: frames are longer than a
     * request's chunk) is a view of the frame's array, not a copy; the arrays handed to {@link #add} are never
     * written again, so the view stays what was taken.
     */
    ByteString take(int max, Taken taken) {
        int n = Math.min(max, size);
        if (n == 0) {
            return ByteString.EMPTY;
        }
        Segment first = segments.peekFirst();
        if (first.remaining() >= n) {
            ByteString view = UnsafeByteOperations.unsafeWrap(first.data, first.offset, n);
            consume(first, n, taken);
            size -= n;
            return view;
        }
        byte[] out = new byte[n];
        int filled = 0;
        while (filled < n) {
            Segment head = segments.peekFirst();
            int k = Math.min(head.remaining(), n - filled);
            System.arraycopy(head.data, head.offset, out, filled, k);
            consume(head, k, taken);
            filled += k;
        }
        size -= n;
        return UnsafeByteOperations.unsafeWrap(out);
    }

    private void consume(Segment head, int k, Taken taken) {
        taken.run(head.position + head.offset / unit, k / unit);
        head.offset += k;
        if (head.remaining() == 0) {
            segments.pollFirst();
            if (head.arrivalNanos != REPLAY) {
                taken.frameSent(head.arrivalNanos);
            }
        }
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
