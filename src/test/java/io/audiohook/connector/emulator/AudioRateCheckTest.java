package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The audio-rate rule on a clock the test moves: what legitimate senders do (real time, a full backlog drained at
 * 2×, the tests' 8× catch-up, a stall) is never refused with the defaults; half or twice the declared rate, kept
 * up, is.
 */
class AudioRateCheckTest {
    static final long SECOND = 1_000_000_000L;
    /** The defaults of {@code connector.emulator.rules.audio-rate-*}. */
    static final AudioRateCheck.Limits DEFAULTS = new AudioRateCheck.Limits(45 * SECOND, 10 * SECOND, 0.2);
    static final long STEP = SECOND / 10; // a request every 100 ms of wall time

    /** A sender whose audio rate, as a multiple of the declared one, is {@code rate(t)} at wall second t. */
    interface Pace {
        double at(double second);
    }

    /**
     * Runs a stream of {@code seconds} through the check.
     *
     * @return the wall second of the refusal, or -1
     */
    static double refusedAt(AudioRateCheck.Limits limits, Pace pace, int seconds) {
        long opened = 5 * SECOND; // any origin
        AudioRateCheck check = new AudioRateCheck(limits, 16000, opened);
        double audio = 0;
        for (long t = STEP; t <= seconds * SECOND; t += STEP) {
            audio += pace.at(t / (double) SECOND) * STEP;
            double by = check.mismatch(opened + t, (long) audio);
            if (by != 0) {
                return t / (double) SECOND;
            }
        }
        return -1;
    }

    @Test
    void realTimeIsNeverRefused() {
        assertEquals(-1, refusedAt(DEFAULTS, t -> 1.0, 180));
        assertEquals(-1, refusedAt(DEFAULTS, t -> (int) (t * 10) % 2 == 0 ? 1.9 : 0.1, 180), "bursty, 1x on average");
    }

    @Test
    void aFullBacklogDrainedAtTwiceRealTimeIsNotRefused() {
        // 30 s kept before setup plus a 3 s look-back, drained at 2x while real time keeps coming: 2x for 33 s
        assertEquals(-1, refusedAt(DEFAULTS, t -> t < 33 ? 2.0 : 1.0, 180));
        // a restart after a stall: the same again later in a long stream would be a new stream, but even within one
        assertEquals(-1, refusedAt(DEFAULTS, t -> t < 8 ? 8.0 : 1.0, 180), "the tests' 8x catch-up");
        assertEquals(-1, refusedAt(DEFAULTS, t -> t > 60 && t < 64.9 ? 0 : t >= 64.9 && t < 69.8 ? 2.0 : 1.0, 180),
                "a stall just short of the audio timeout, then its catch-up");
    }

    @Test
    void halfTheDeclaredRateKeptUpIsRefusedOnceOldAndForAWholeWindow() {
        double at = refusedAt(DEFAULTS, t -> 0.5, 120);
        assertTrue(at >= 55 && at <= 56, "judged from 45 s, refused after a further window: " + at);
        AudioRateCheck check = new AudioRateCheck(DEFAULTS, 16000, 0);
        assertEquals(16000, check.declaredRate());
    }

    @Test
    void twiceTheDeclaredRateKeptUpIsRefusedAndABriefDeviationIsNot() {
        assertTrue(refusedAt(DEFAULTS, t -> 2.0, 120) > 0);
        assertTrue(refusedAt(DEFAULTS, t -> 2.2, 120) > 0, "within the tolerance");
        assertEquals(-1, refusedAt(DEFAULTS, t -> 2.8, 120), "far off both, neither");
        assertEquals(-1, refusedAt(DEFAULTS, t -> t > 50 && t < 58 ? 2.0 : 1.0, 120), "not for a whole window");
    }

    @Test
    void limitsThatWouldJudgeRealTimeOrAnEmptyWindowAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AudioRateCheck.Limits(SECOND, SECOND, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AudioRateCheck.Limits(SECOND, 0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new AudioRateCheck.Limits(SECOND, 2 * SECOND, 0.2));
    }

    @Test
    void theRefusalSaysWhatRateTheAudioHasAndWhatWasDeclared() {
        AudioRateCheck.Limits quick = new AudioRateCheck.Limits(2 * SECOND, SECOND, 0.2);
        AudioRateCheck check = new AudioRateCheck(quick, 16000, 0);
        StreamRules.Refusal refusal = assertThrows(StreamRules.Refusal.class, () -> {
            for (long t = STEP; t <= 10 * SECOND; t += STEP) {
                StreamRules.checkAudioRate(check, t, t / 2);
            }
        });
        assertEquals("audio_rate", refusal.rule);
        assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, refusal.status.getStatus().getCode());
        assertTrue(refusal.status.getStatus().getDescription()
                .startsWith("The audio arrives at about 8000 Hz but sample_rate_hertz is 16000"), refusal.getMessage());
    }
}
