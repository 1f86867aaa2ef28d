package io.audiohook.connector.emulator;

/**
 * Whether a stream's audio plays at the rate its configuration declared: the audio received over a trailing window
 * of wall time, timed at the declared {@code sample_rate_hertz}, against that window. Audio sent in real time at
 * the wrong declared rate plays twice or half as fast as the wall clock: 8 kHz audio declared as 16 kHz arrives at
 * ½× real time, 16 kHz declared as 8 kHz at 2×. Google recognises such audio at the declared rate (at the wrong
 * speed, badly) without refusing it; the emulator refuses it, so that a connector that gets its own rate wrong
 * fails a test instead of quietly losing accuracy.
 *
 * <p>A legitimate sender never trips it (the package documentation says why, with the defaults): a stream is
 * judged only once it is {@link Limits#afterNanos} old, past any catch-up of a backlog; and it is refused only when
 * the trailing window's rate stays near ½× or 2× (within {@link Limits#tolerance}) for a whole further window.
 *
 * <p>Bounded: {@value #CHECKPOINTS} checkpoints of (wall time, audio time), at least a sixteenth of the window apart.
 * Not thread-safe: one per stream, under the stream's lock; time comes from the caller.
 */
final class AudioRateCheck {
    static final int CHECKPOINTS = 64;
    private static final int CHECKPOINTS_PER_WINDOW = 16;

    /**
     * @param afterNanos  streams younger than this are not judged
     * @param windowNanos the trailing wall time the rate is measured over, and how long a mismatch must last
     * @param tolerance   how near ½× or 2× counts as a mismatch, as a fraction of it (below 0.5, so 1× never does)
     */
    record Limits(long afterNanos, long windowNanos, double tolerance) {
        Limits {
            if (windowNanos <= 0 || afterNanos < windowNanos) {
                throw new IllegalArgumentException("the audio rate is judged over a positive window, on streams at "
                        + "least that old");
            }
            if (!(tolerance > 0 && tolerance < 0.5)) {
                throw new IllegalArgumentException("audio rate tolerance must be above 0 and below 0.5, not "
                        + tolerance);
            }
        }
    }

    private final Limits limits;
    private final int declaredRate;
    private final long openedNanos;
    private final long[] wall = new long[CHECKPOINTS];
    private final long[] audio = new long[CHECKPOINTS];
    /** Checkpoints kept, the newest at {@code (oldest + count - 1) % CHECKPOINTS}. */
    private int oldest;
    private int count;
    /** Since when the rate is off, and how far (0.5 or 2); 0: it is not. */
    private long offSince;
    private double offBy;

    /** @param declaredRate the stream's {@code sample_rate_hertz} */
    AudioRateCheck(Limits limits, int declaredRate, long openedNanos) {
        this.limits = limits;
        this.declaredRate = declaredRate;
        this.openedNanos = openedNanos;
        remember(openedNanos, 0);
    }

    int declaredRate() {
        return declaredRate;
    }

    /**
     * @param audioNanos all audio received on the stream so far, timed at the declared rate
     * @return the apparent rate as a multiple of the declared one (0.5 or 2) once the mismatch has lasted a window,
     *         else 0
     */
    double mismatch(long nowNanos, long audioNanos) {
        if (nowNanos - wall[newest()] >= limits.windowNanos() / CHECKPOINTS_PER_WINDOW) {
            remember(nowNanos, audioNanos);
        }
        if (nowNanos - openedNanos < limits.afterNanos()) {
            return 0;
        }
        int from = atOrBefore(nowNanos - limits.windowNanos());
        double ratio = (double) (audioNanos - audio[from]) / (nowNanos - wall[from]);
        double by = near(ratio, 2) ? 2 : near(ratio, 0.5) ? 0.5 : 0;
        if (by == 0) {
            offBy = 0;
            return 0;
        }
        if (by != offBy) {
            offBy = by;
            offSince = nowNanos;
        }
        return nowNanos - offSince >= limits.windowNanos() ? by : 0;
    }

    private boolean near(double ratio, double target) {
        return Math.abs(ratio / target - 1) <= limits.tolerance();
    }

    private void remember(long nowNanos, long audioNanos) {
        int at;
        if (count < CHECKPOINTS) {
            at = (oldest + count++) % CHECKPOINTS;
        } else {
            at = oldest;
            oldest = (oldest + 1) % CHECKPOINTS;
        }
        wall[at] = nowNanos;
        audio[at] = audioNanos;
    }

    private int newest() {
        return (oldest + count - 1) % CHECKPOINTS;
    }

    /** The newest checkpoint at or before {@code nanos}, else the oldest kept. */
    private int atOrBefore(long nanos) {
        int found = oldest;
        for (int k = 0; k < count; k++) {
            int i = (oldest + k) % CHECKPOINTS;
            if (wall[i] > nanos) {
                break;
            }
            found = i;
        }
        return found;
    }
}
