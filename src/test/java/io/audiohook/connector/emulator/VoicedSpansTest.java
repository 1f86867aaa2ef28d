package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Words go on the voiced time of their utterance, never into a pause between its sentences. */
class VoicedSpansTest {

    @Test
    void wordsShareTheVoicedTimeAndSkipThePause() {
        VoicedSpans spans = new VoicedSpans();
        spans.start(1000, 1020);
        for (long t = 1020; t < 1400; t += 20) {
            spans.voiced(t, t + 20); // voiced 1000–1400
        }
        for (long t = 1700; t < 2100; t += 20) {
            spans.voiced(t, t + 20); // a 300 ms pause, then voiced 1700–2100
        }
        assertEquals(2, spans.count());
        long[] times = spans.place(new String[] { "card.", "What", "now?" }, 2100);
        for (int i = 0; i < 3; i++) {
            long start = times[2 * i];
            long end = times[2 * i + 1];
            assertTrue(start <= end, "word " + i);
            assertTrue(end <= 1400 || start >= 1700, "word " + i + " in the pause: " + start + "–" + end);
        }
        assertEquals(1000, times[0], "the first word starts with the utterance");
        assertEquals(2100, times[5], "the last ends with it");
    }

    @Test
    void shortGapsAreBetweenWordsNotPausesAndTheSpansAreBounded() {
        VoicedSpans spans = new VoicedSpans();
        spans.start(0, 20);
        spans.voiced(100, 120); // 80 ms: between two words
        assertEquals(1, spans.count());
        for (int i = 1; i <= 3 * VoicedSpans.MAX_SPANS; i++) {
            spans.voiced(i * 1000L, i * 1000L + 20);
        }
        assertEquals(VoicedSpans.MAX_SPANS, spans.count(), "the shortest pauses were closed");
        long end = 3L * VoicedSpans.MAX_SPANS * 1000 + 20;
        long[] times = spans.place(new String[] { "first", "last" }, end);
        assertEquals(0, times[0], "the first word starts with the utterance");
        assertTrue(times[1] <= times[2] && times[2] <= times[3] && times[3] <= end, "in order, inside it");
    }
}
