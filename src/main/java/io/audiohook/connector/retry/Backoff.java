package io.audiohook.connector.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before retry number {@code n}: {@code initial × multiplier^(n-1)}, capped at {@code max}, then
 * spread by ±{@code jitter} so that many calls failing together (a quota, an outage) do not retry together. The
 * same shape as grpc-java's {@code ExponentialBackoffPolicy}. Immutable; callers count their own failures.
 */
public final class Backoff {
    /** Doubling, ±20 %. */
    public static final double MULTIPLIER = 2.0;
    public static final double JITTER = 0.2;

    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, double multiplier, double jitter, DoubleSupplier random) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max: " + initial + ", " + max);
        }
        if (multiplier < 1.0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff needs multiplier >= 1 and 0 <= jitter < 1");
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.random = random;
    }

    /** Doubling from {@code initial} up to {@code max}, ±20 %. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, MULTIPLIER, JITTER, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param retry 1 for the first retry after a failure */
    public long delayNanos(int retry) {
        double base = initialNanos * Math.pow(multiplier, Math.max(0, Math.min(retry - 1, 62)));
        double capped = Math.min(base, maxNanos);
        double spread = capped * (1 + jitter * (2 * random.getAsDouble() - 1));
        return Math.max(0, Math.round(spread));
    }

    public Duration delay(int retry) {
        return Duration.ofNanos(delayNanos(retry));
    }

    public Duration initial() {
        return Duration.ofNanos(initialNanos);
    }

    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    @Override
    public String toString() {
        return "Backoff[" + initial() + " ×" + multiplier + " ≤ " + max() + " ±" + Math.round(jitter * 100) + "%]";
    }
}
