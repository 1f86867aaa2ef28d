package io.audiohook.connector.assist;

/**
 * A token bucket over audio bytes: it refills at {@code rate} times real time up to {@code burst}, so audio
 * arriving in real time passes at once while a backlog (after setup or a restart) drains no faster than the rate.
 * Not thread-safe; its owner serialises access.
 */
final class Pacer {
    private final int bytesPerSecond;
    private final long burstBytes;
    private double bytesPerNano;
    private double tokens;
    private long refilledAt;

    Pacer(int bytesPerSecond, double rate, long burstBytes, long nowNanos) {
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.tokens = burstBytes;
        this.refilledAt = nowNanos;
        setRate(rate);
    }

    /** Changes the refill rate from now on (Dialogflow said the audio came too fast). */
    void setRate(double rate) {
        if (rate < 1.0) {
            throw new IllegalArgumentException("audio must be sent at least at real time: " + rate);
        }
        this.bytesPerNano = rate * bytesPerSecond / 1e9;
    }

    /** @return 0 if {@code n} bytes may go now, else how long until they may */
    long waitNanos(int n, long nowNanos) {
        refill(nowNanos);
        return tokens >= n ? 0 : (long) ((n - tokens) / bytesPerNano) + 1;
    }

    /** Whether {@code n} bytes may go now, without waiting. */
    boolean allows(int n, long nowNanos) {
        return waitNanos(n, nowNanos) == 0;
    }

    void take(int n) {
        tokens -= n;
    }

    /** How long {@code bytes} of backlog take to drain at the current rate. */
    long drainNanos(long bytes) {
        return (long) (bytes / bytesPerNano);
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burstBytes, tokens + (nowNanos - refilledAt) * bytesPerNano);
        refilledAt = nowNanos;
    }
}
