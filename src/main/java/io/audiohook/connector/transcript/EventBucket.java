package io.audiohook.connector.transcript;

/**
 * A token bucket for one session's events: {@code burst} at once, {@code ratePerSecond} sustained, and a hold (a
 * {@code 429}'s {@code retryAfter}) during which nothing goes. Not thread-safe; its sender guards it.
 */
final class EventBucket {
    private final double perNano;
    private final int burst;
    private double tokens;
    private long lastNanos;
    private long holdUntilNanos;
    private boolean holding;

    EventBucket(double ratePerSecond, int burst, long nowNanos) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** @return 0 if an event may go now (and takes its token), else how long to wait */
    long take(long nowNanos) {
        if (holding) {
            if (nowNanos - holdUntilNanos < 0) {
                return holdUntilNanos - nowNanos;
            }
            holding = false;
        }
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    /** Nothing goes for {@code nanos}, and the bucket starts empty after it. */
    void hold(long nowNanos, long nanos) {
        holding = true;
        holdUntilNanos = nowNanos + nanos;
        tokens = 0;
        lastNanos = holdUntilNanos;
    }
}
