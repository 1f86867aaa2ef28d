package io.audiohook.connector.assist;

import java.util.Arrays;

import io.audiohook.connector.audio.Timeline;

/**
 * Where the audio of one StreamAttempt sits on the AudioHook stream timeline. Dialogflow times its results
 * (word offsets, {@code speech_end_offset}) from the first sample <em>of that stream</em>; the stream's audio is the
 * call's audio with holes (pauses, discards, audio dropped at the backlog's bound) and with look-back replays, so
 * the map is piecewise: runs of samples that are contiguous on the timeline.
 *
 * <p>Memory: one run per discontinuity, which contiguous audio never adds; beyond {@value #MAX_RUNS} runs the
 * older half is forgotten (only positions that old become approximate; results concern recent audio).
 * Not thread-safe: its {@link ParticipantStream}'s monitor guards it.
 */
final class StreamClock {
    static final int MAX_RUNS = 512;

    /** Stream sample where run k starts, and the timeline position of that sample. */
    private long[] streamSample = new long[4];
    private long[] position = new long[4];
    private int runs;
    private long samples;

    /** {@code count} samples follow on the stream, the first of them at timeline {@code timelinePosition}. */
    void carried(long timelinePosition, long count) {
        if (count <= 0) {
            return;
        }
        boolean contiguous = runs > 0
                && position[runs - 1] + (samples - streamSample[runs - 1]) == timelinePosition;
        if (!contiguous) {
            if (runs == streamSample.length) {
                grow();
            }
            streamSample[runs] = samples;
            position[runs] = timelinePosition;
            runs++;
        }
        samples += count;
    }

    private void grow() {
        if (runs >= MAX_RUNS) {
            int drop = runs / 2;
            System.arraycopy(streamSample, drop, streamSample, 0, runs - drop);
            System.arraycopy(position, drop, position, 0, runs - drop);
            runs -= drop;
            return;
        }
        streamSample = Arrays.copyOf(streamSample, runs * 2);
        position = Arrays.copyOf(position, runs * 2);
    }

    /** Samples carried so far. */
    long samples() {
        return samples;
    }

    /**
     * The timeline position of stream sample {@code index}, clamped to what was carried. The exclusive end of the
     * carried audio maps to just after its last sample, so a span never stretches across a later gap.
     */
    long positionOf(long index) {
        if (runs == 0) {
            return -1;
        }
        long i = Math.max(0, Math.min(index, samples));
        if (i == samples) {
            return positionOf(samples - 1) + 1;
        }
        int k = Arrays.binarySearch(streamSample, 0, runs, i);
        if (k < 0) {
            k = Math.max(0, -k - 2);
        }
        return position[k] + (i - streamSample[k]);
    }

    /**
     * Streams results that are timed from the stream's start are placed with this. The clock counts timeline samples
     * (1/8000 s) whatever rate the stream was sent at, so a 16 kHz stream's offsets land where they belong.
     */
    long positionOfNanos(long streamNanos) {
        return positionOf(streamNanos * Timeline.RATE / 1_000_000_000L);
    }

    /**
     * The runs of the last {@code count} samples carried, oldest first, for a replay of them on the next stream:
     * {@code result[2k]} is a run's timeline position, {@code result[2k+1]} its length in samples.
     */
    long[] tail(long count) {
        long from = Math.max(0, samples - count);
        int k = 0;
        while (k + 1 < runs && streamSample[k + 1] <= from) {
            k++;
        }
        long[] out = new long[2 * (runs - k)];
        int n = 0;
        for (int r = k; r < runs; r++) {
            long start = Math.max(from, streamSample[r]);
            long end = r + 1 < runs ? streamSample[r + 1] : samples;
            if (end > start) {
                out[n++] = position[r] + (start - streamSample[r]);
                out[n++] = end - start;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
