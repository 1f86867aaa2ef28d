package io.audiohook.connector.audio;

import io.audiohook.connector.protocol.Durations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final int FRAME = 1600; // 200 ms at 8 kHz, what Genesys sends

    @Test
    void startsAtZero() {
        Timeline t = new Timeline();
        assertEquals(0, t.position());
        assertEquals(0, t.samplesReceived());
        assertEquals(0, t.gapSamples());
        assertEquals(0, t.pendingGapSamples());
        assertEquals(0, t.clientLagSamples());
        assertEquals(0, t.resyncCorrections());
        assertEquals(0, t.positionOf(0));
    }

    @Test
    void audioAdvancesOneForOne() {
        Timeline t = new Timeline();
        assertEquals(0, t.onAudio(FRAME));
        assertEquals(1600, t.onAudio(FRAME));
        assertEquals(3200, t.onAudio(FRAME));
        assertEquals(4800, t.position());
        assertEquals(4800, t.samplesReceived());
        assertEquals(1234, t.positionOf(1234));
        t.resync(4800);
        assertEquals(0, t.resyncCorrections());
    }

    @Test
    void resyncAheadRecordsUnannouncedGap() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.resync(FRAME + 800);
        assertEquals(2400, t.position());
        assertEquals(800, t.gapSamples());
        assertEquals(1, t.resyncCorrections());
        assertEquals(2400, t.onAudio(FRAME));
        assertEquals(1599, t.positionOf(1599));
        assertEquals(2400, t.positionOf(1600));
        assertEquals(4000, t.position());
        assertEquals(t.samplesReceived() + t.gapSamples(), t.position());
    }

    @Test
    void announcedGapIsConfirmedByFollowingAudio() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onGap(800);
        assertEquals(800, t.pendingGapSamples());
        assertEquals(1600, t.position(), "not applied until confirmed");
        assertEquals(2400, t.onAudio(FRAME));
        assertEquals(0, t.pendingGapSamples());
        assertEquals(800, t.gapSamples());
        assertEquals(0, t.resyncCorrections());
    }

    @Test
    void realDiscardAnnouncedThenResyncedAgrees() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onGap(8000);
        t.resync(FRAME + 8000);
        assertEquals(0, t.resyncCorrections());
        assertEquals(9600, t.position());
        assertEquals(9600, t.onAudio(FRAME));
    }

    @Test
    void realDiscardResyncedThenAnnouncedIsNotCountedTwice() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.resync(FRAME + 8000);
        t.onGap(8000);
        assertEquals(9600, t.onAudio(FRAME));
        assertEquals(0, t.pendingGapSamples());
        assertEquals(8000, t.gapSamples());
        t.resync(9600 + FRAME);
        assertEquals(0, t.clientLagSamples());
    }

    @Test
    void syntheticDiscardIsOverruledByClientPosition() {
        // Genesys' test client announces a discard but keeps streaming the same audio.
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onGap(4000);
        t.resync(FRAME);
        assertEquals(1, t.resyncCorrections());
        assertEquals(FRAME, t.position());
        assertEquals(0, t.pendingGapSamples());
        assertEquals(FRAME, t.onAudio(FRAME));
        assertEquals(0, t.gapSamples());
        assertEquals(0, t.clientLagSamples());
    }

    @Test
    void syntheticDiscardInEitherCallOrder() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.resync(FRAME);
        t.onGap(4000);
        assertEquals(FRAME, t.onAudio(FRAME));
        assertEquals(0, t.resyncCorrections());
    }

    @Test
    void clientBehindNeverMovesPositionBackAndLagIsAbsorbedLater() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onGap(1000); // synthetic, and the caller did not resync before the next frame
        assertEquals(2600, t.onAudio(FRAME));
        assertEquals(4200, t.position());

        t.resync(3200); // the client never skipped anything
        assertEquals(4200, t.position(), "monotonic");
        assertEquals(1000, t.clientLagSamples());
        assertEquals(1, t.resyncCorrections());

        t.onAudio(FRAME);
        t.resync(4800); // consistent with the known lag: not a new correction
        assertEquals(1, t.resyncCorrections());
        assertEquals(5800, t.position());

        t.resync(4800 + 600); // a real 600-sample skip is swallowed by the lag
        assertEquals(5800, t.position());
        assertEquals(400, t.clientLagSamples());

        t.resync(5400 + 1000); // a further 1000 skip: 400 absorbed, 600 new gap
        assertEquals(6400, t.position());
        assertEquals(0, t.clientLagSamples());
        assertEquals(1600, t.gapSamples());
    }

    @Test
    void announcedGapAlsoAbsorbsLag() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onGap(1000);
        t.onAudio(FRAME);
        t.resync(3200);
        assertEquals(1000, t.clientLagSamples());
        t.onAudio(FRAME);
        t.onGap(300);
        assertEquals(5800, t.onAudio(FRAME));
        assertEquals(700, t.clientLagSamples());
        t.resync(4800 + 300 + FRAME);
        assertEquals(1, t.resyncCorrections(), "agrees with the announced gap and the lag");
    }

    @Test
    void clientBelowReceivedAudioCannotPullPositionUnderIt() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onAudio(FRAME);
        t.resync(100);
        assertEquals(3200, t.position());
        assertTrue(t.position() >= t.samplesReceived());
        assertEquals(3100, t.clientLagSamples());
    }

    @Test
    void pauseWithAdvancingPosition() {
        // Tone source: resumed{start=PT1.2S, discarded=PT30S}, position = start + discarded.
        Timeline t = new Timeline();
        for (int i = 0; i < 6; i++) {
            t.onAudio(FRAME);
        }
        t.resync(Durations.parseSamples("PT1.2S", Timeline.RATE)); // paused
        t.onGap(Durations.parseSamples("PT30S", Timeline.RATE));
        t.resync(Durations.parseSamples("PT31.2S", Timeline.RATE)); // resumed
        assertEquals(0, t.resyncCorrections());
        assertEquals(249_600, t.onAudio(FRAME));
        assertEquals("PT31.2S", Durations.formatSamples(t.positionOf(9600), Timeline.RATE));
    }

    @Test
    void discardToAfterOpen() {
        Timeline t = new Timeline();
        t.resync(0); // open
        t.onGap(24_000); // discarded{start=PT0S, discarded=PT3S}
        t.resync(24_000);
        assertEquals(0, t.resyncCorrections());
        assertEquals(24_000, t.onAudio(FRAME));
        assertEquals(24_000, t.positionOf(0));
    }

    @Test
    void pauseWithFrozenPosition() {
        // File source: position does not move while paused and discarded is PT0S.
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.resync(FRAME);
        t.onGap(0);
        t.resync(FRAME);
        assertEquals(FRAME, t.onAudio(FRAME));
        assertEquals(0, t.resyncCorrections());
        assertEquals(0, t.gapSamples());
    }

    @Test
    void positionOfMapsAcrossSeveralGaps() {
        Timeline t = new Timeline();
        t.onAudio(100);         // samples 0..99   -> 0..99
        t.resync(150);          // gap 50
        t.onAudio(100);         // samples 100..199 -> 150..249
        t.onGap(10);
        t.resync(260);          // gap 10 (agreed)
        t.resync(270);          // gap 10 more at the same sample: merged
        t.onAudio(100);         // samples 200..299 -> 270..369
        assertEquals(0, t.positionOf(0));
        assertEquals(99, t.positionOf(99));
        assertEquals(150, t.positionOf(100));
        assertEquals(249, t.positionOf(199));
        assertEquals(270, t.positionOf(200));
        assertEquals(369, t.positionOf(299));
        assertEquals(370, t.positionOf(300));
        assertEquals(370, t.position());
        assertEquals(250, t.positionOf(199) + 1, "exclusive end idiom avoids stretching over the gap");
    }

    @Test
    void positionOfRejectsIndicesNotYetReceived() {
        Timeline t = new Timeline();
        t.onAudio(10);
        assertThrows(IllegalArgumentException.class, () -> t.positionOf(11));
        assertThrows(IllegalArgumentException.class, () -> t.positionOf(-1));
    }

    @Test
    void historyIsBoundedAndRecentLookupsStayExact() {
        Timeline t = new Timeline();
        int rounds = Timeline.MAX_BREAKPOINTS * 3;
        for (int i = 0; i < rounds; i++) {
            t.onAudio(10);
            t.resync(t.position() + 5);
        }
        assertEquals(rounds * 15L, t.position());
        assertEquals(rounds * 5L, t.gapSamples());
        long lastFrameStart = (rounds - 1) * 10L;
        assertEquals((rounds - 1) * 15L, t.positionOf(lastFrameStart));
        assertEquals((rounds - 1) * 15L + 9, t.positionOf(lastFrameStart + 9));
        // Old lookups degrade gracefully: still within the true range and monotonic.
        assertTrue(t.positionOf(0) >= 0);
        assertTrue(t.positionOf(1) > t.positionOf(0));
    }

    @Test
    void randomSequencesKeepInvariants() {
        Random random = new Random(20240611L);
        for (int run = 0; run < 200; run++) {
            Timeline t = new Timeline();
            long clientPos = 0;
            long previous = 0;
            long[] frameStarts = new long[64];
            long[] frameIndex = new long[64];
            int frames = 0;
            for (int step = 0; step < 60; step++) {
                switch (random.nextInt(5)) {
                    case 0:
                    case 1: {
                        int n = 1 + random.nextInt(2000);
                        long index = t.samplesReceived();
                        long start = t.onAudio(n);
                        if (frames < frameStarts.length) {
                            frameStarts[frames] = start;
                            frameIndex[frames] = index;
                            frames++;
                        }
                        clientPos += n;
                        break;
                    }
                    case 2: {
                        long g = random.nextInt(5000);
                        t.onGap(g);
                        if (random.nextBoolean()) {
                            clientPos += g; // a real skip; otherwise synthetic
                        }
                        break;
                    }
                    case 3: {
                        long before = t.position();
                        // Sometimes report nonsense behind the audio actually sent.
                        long reported = random.nextInt(10) == 0 ? random.nextInt((int) Math.min(clientPos + 1, 100_000)) : clientPos;
                        t.resync(reported);
                        assertEquals(Math.max(reported, before), t.position());
                        break;
                    }
                    default:
                        clientPos += random.nextInt(3000); // unannounced skip
                        break;
                }
                long now = t.position();
                assertTrue(now >= previous, "monotonic");
                assertTrue(now >= t.samplesReceived());
                assertEquals(t.samplesReceived() + t.gapSamples(), now);
                assertTrue(t.clientLagSamples() >= 0);
                previous = now;
            }
            for (int f = 0; f < frames; f++) {
                assertEquals(frameStarts[f], t.positionOf(frameIndex[f]), "frame start mapping");
            }
            long last = -1;
            for (long i = 0; i < t.samplesReceived(); i += 97) {
                long p = t.positionOf(i);
                assertTrue(p > last, "positionOf strictly increasing");
                last = p;
            }
        }
    }

    @Test
    void rejectsNegativeInputs() {
        Timeline t = new Timeline();
        assertThrows(IllegalArgumentException.class, () -> t.onAudio(-1));
        assertThrows(IllegalArgumentException.class, () -> t.onGap(-1));
        assertThrows(IllegalArgumentException.class, () -> t.resync(-1));
    }

    @Test
    void emptyFrameDoesNotConfirmPendingGap() {
        Timeline t = new Timeline();
        t.onAudio(FRAME);
        t.onGap(500);
        assertEquals(FRAME, t.onAudio(0));
        assertEquals(500, t.pendingGapSamples());
    }

    @Test
    void conversionHelpers() {
        assertEquals(Duration.ofMillis(200), Timeline.samplesToDuration(1600, Timeline.RATE));
        assertEquals(1600, Timeline.durationToSamples(Duration.ofMillis(200), Timeline.RATE));
        assertEquals(125_000, Timeline.samplesToNanos(1, Timeline.RATE));
        assertEquals(1, Timeline.nanosToSamples(100_000, Timeline.RATE));
        assertEquals(0, Timeline.nanosToSamples(50_000, Timeline.RATE));
        assertThrows(IllegalArgumentException.class,
                () -> Timeline.durationToSamples(Duration.ofMillis(-1), Timeline.RATE));
    }
}
