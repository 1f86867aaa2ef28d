package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.audio.MuLaw;

class VoiceActivityDetectorTest {
    /** Speech of each turn in the fixture, in ms, as measured once from its 20 ms energy profile. */
    private static final long[][] CUSTOMER_TURNS = {{300, 3140}, {6800, 8580}};
    private static final long[][] AGENT_TURNS = {{3500, 6420}, {8880, 10700}};
    private static final long TOLERANCE_MS = 100;

    record Segment(long startMs, long endMs) {
    }

    static final class Collector implements VoiceActivityDetector.Listener {
        final List<Segment> utterances = new ArrayList<>();
        int started;
        int speaking;

        @Override
        public void speechStarted(long start) {
            started++;
        }

        @Override
        public void speaking(long start, long voicedEnd) {
            speaking++;
        }

        @Override
        public void utteranceEnded(long start, long end) {
            utterances.add(new Segment(start / 8, end / 8));
        }
    }

    @Test
    void customerChannelHoldsTheCustomersTwoTurns() {
        assertTurns(EmulatedCall.Fixture.load().customer(), CUSTOMER_TURNS);
    }

    @Test
    void agentChannelHoldsTheAgentsTwoTurns() {
        assertTurns(EmulatedCall.Fixture.load().agent(), AGENT_TURNS);
    }

    @Test
    void blipsShorterThanTheMinimumAreNotUtterances() {
        Collector collector = new Collector();
        VoiceActivityDetector vad = new VoiceActivityDetector(8000, collector);
        short[] audio = new short[8000];
        for (int i = 1000; i < 1000 + 8 * (VoiceActivityDetector.MIN_SPEECH_MS - 2 * VoiceActivityDetector.WINDOW_MS);
                i++) {
            audio[i] = (short) (i % 2 == 0 ? 3000 : -3000); // a click of loud samples
        }
        vad.accept(audio, 0, audio.length);
        vad.finish();
        assertEquals(0, collector.started);
        assertEquals(List.of(), collector.utterances);
    }

    @Test
    void finishEndsTheUtteranceInProgress() {
        Collector collector = new Collector();
        VoiceActivityDetector vad = new VoiceActivityDetector(8000, collector);
        short[] tone = new short[4000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (3000 * Math.sin(i * 2 * Math.PI * 440 / 8000));
        }
        vad.accept(tone, 0, tone.length);
        assertTrue(vad.inUtterance());
        vad.finish();
        assertEquals(List.of(new Segment(0, 500)), collector.utterances);
    }

    private static void assertTurns(byte[] mulaw, long[][] turns) {
        Collector collector = new Collector();
        VoiceActivityDetector vad = new VoiceActivityDetector(8000, collector);
        short[] pcm = new short[800];
        for (int from = 0; from < mulaw.length; from += 800) {
            int length = Math.min(800, mulaw.length - from);
            MuLaw.decode(mulaw, from, length, pcm, 0);
            vad.accept(pcm, 0, length);
        }
        vad.finish();
        assertEquals(turns.length, collector.utterances.size(), "utterances " + collector.utterances);
        for (int i = 0; i < turns.length; i++) {
            Segment found = collector.utterances.get(i);
            assertTrue(Math.abs(found.startMs() - turns[i][0]) <= TOLERANCE_MS, "start of " + found);
            assertTrue(Math.abs(found.endMs() - turns[i][1]) <= TOLERANCE_MS, "end of " + found);
        }
        assertEquals(turns.length, collector.started);
        assertTrue(collector.speaking > 50, "speaking reported per voiced window");
    }
}
