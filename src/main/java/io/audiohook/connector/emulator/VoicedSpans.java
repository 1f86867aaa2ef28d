package io.audiohook.connector.emulator;

import java.util.Arrays;

/**
 * Where one utterance was voiced: the spans of its voiced windows, pauses of at least {@value #PAUSE_MS} ms between
 * them (the pause between two sentences of one turn; shorter gaps are the ones between words). Words are placed on
 * the voiced time only, so that no word sits in a pause. Times in milliseconds of the stream's audio. Bounded: beyond
 * {@value #MAX_SPANS} spans the shortest pauses are closed. Not thread-safe: one per stream, under its lock.
 */
final class VoicedSpans {
    static final int PAUSE_MS = 150;
    static final int MAX_SPANS = 64;

    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int count;

    /** A new utterance starts at {@code startMillis}, voiced until {@code voicedEndMillis}. */
    void start(long startMillis, long voicedEndMillis) {
        count = 0;
        add(startMillis, voicedEndMillis);
    }

    /** Its voicing goes on until {@code voicedEndMillis}; a window that follows a pause begins a new span. */
    void voiced(long windowStartMillis, long voicedEndMillis) {
        if (count == 0) {
            add(windowStartMillis, voicedEndMillis);
        } else if (windowStartMillis - ends[count - 1] >= PAUSE_MS) {
            add(windowStartMillis, voicedEndMillis);
        } else {
            ends[count - 1] = Math.max(ends[count - 1], voicedEndMillis);
        }
    }

    private void add(long start, long end) {
        if (count == MAX_SPANS) {
            closeShortestPause();
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private void closeShortestPause() {
        int shortest = 1;
        for (int i = 2; i < count; i++) {
            if (starts[i] - ends[i - 1] < starts[shortest] - ends[shortest - 1]) {
                shortest = i;
            }
        }
        ends[shortest - 1] = ends[shortest];
        System.arraycopy(starts, shortest + 1, starts, shortest, count - shortest - 1);
        System.arraycopy(ends, shortest + 1, ends, shortest, count - shortest - 1);
        count--;
    }

    int count() {
        return count;
    }

    /**
     * Each word's start and end, in order: the words share the voiced time in proportion to their length (one
     * letter's time between words), and a word that would straddle a pause is kept inside the span of its middle.
     *
     * @param endMillis the utterance's end: the last span ends there
     * @return {@code [2i]} the start and {@code [2i+1]} the end of word i
     */
    long[] place(String[] words, long endMillis) {
        if (count == 0) {
            add(0, endMillis);
        }
        ends[count - 1] = Math.max(ends[count - 1], endMillis);
        long voiced = 0;
        for (int i = 0; i < count; i++) {
            voiced += ends[i] - starts[i];
        }
        int units = words.length - 1;
        for (String word : words) {
            units += word.length();
        }
        double perUnit = (double) voiced / Math.max(1, units);
        long[] out = new long[2 * words.length];
        int unit = 0;
        for (int w = 0; w < words.length; w++) {
            double from = unit * perUnit;
            unit += words[w].length();
            double to = unit * perUnit;
            unit++;
            int span = spanOf((from + to) / 2);
            long spanOffset = voicedBefore(span);
            out[2 * w] = Math.max(starts[span], starts[span] + Math.round(from - spanOffset));
            out[2 * w + 1] = Math.min(ends[span], Math.max(out[2 * w], starts[span] + Math.round(to - spanOffset)));
        }
        return out;
    }

    /** The span that holds voiced time {@code t} (counted over the spans only). */
    private int spanOf(double t) {
        long before = 0;
        for (int i = 0; i < count; i++) {
            long length = ends[i] - starts[i];
            if (t < before + length || i == count - 1) {
                return i;
            }
            before += length;
        }
        return count - 1;
    }

    private long voicedBefore(int span) {
        long before = 0;
        for (int i = 0; i < span; i++) {
            before += ends[i] - starts[i];
        }
        return before;
    }
}
