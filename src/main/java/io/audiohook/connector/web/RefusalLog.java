package io.audiohook.connector.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many log lines refused upgrades may write: the first {@link #LINES_PER_WINDOW} of every window each get their
 * line, the rest are only counted, by reason, and said in one line once the window is over. A flood of bad
 * signatures then costs the log a few lines a minute, not one per refusal; every refusal is still counted in
 * {@code audiohook_upgrades_refused_total}. Thread-safe; the clock is the caller's ({@link System#nanoTime()}).
 */
final class RefusalLog {
    static final int LINES_PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofSeconds(10);

    private long windowStart;
    private int lines;
    private final Map<String, Integer> unlogged = new TreeMap<>();

    RefusalLog(long nowNanos) {
        windowStart = nowNanos;
    }

    /**
     * Whether this refusal may have its line; when not, it is counted under {@code reason} for the summary.
     *
     * @return true: log it; false: counted instead (the first refusal counted in a window returns false too)
     */
    synchronized boolean admit(String reason, long nowNanos) {
        if (nowNanos - windowStart >= WINDOW.toNanos() && unlogged.isEmpty()) {
            windowStart = nowNanos;
            lines = 0;
        }
        if (lines < LINES_PER_WINDOW) {
            lines++;
            return true;
        }
        unlogged.merge(reason, 1, Integer::sum);
        return false;
    }

    /** How long until the summary of the current window is due. */
    synchronized Duration untilSummary(long nowNanos) {
        return Duration.ofNanos(Math.max(0, WINDOW.toNanos() - (nowNanos - windowStart)));
    }

    /** Whether refusals were counted without a line since the last summary (one is due when the window ends). */
    synchronized boolean summaryPending() {
        return !unlogged.isEmpty();
    }

    /**
     * The line for the refusals counted without one, once the window they fell in is over; it opens a new window.
     * Empty while the window lasts or when there is nothing to say.
     */
    synchronized Optional<String> summary(long nowNanos) {
        if (unlogged.isEmpty() || nowNanos - windowStart < WINDOW.toNanos()) {
            return Optional.empty();
        }
        int total = unlogged.values().stream().mapToInt(Integer::intValue).sum();
        String line = String.format("%d more upgrades refused in %d s without a line each %s; all are counted in "
                + "audiohook_upgrades_refused_total", total, Duration.ofNanos(nowNanos - windowStart).toSeconds(),
                unlogged);
        unlogged.clear();
        windowStart = nowNanos;
        lines = 0;
        return Optional.of(line);
    }
}
