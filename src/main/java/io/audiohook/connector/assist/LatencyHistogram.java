package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency recorder with fixed logarithmic buckets: eight per power of two of microseconds, so any
 * percentile is within 12.5 % of the truth from 1 µs to over an hour, in 2 KB.
 */
public final class LatencyHistogram {
    private static final int SUB = 8;
    private static final int SUB_BITS = 3;
    private static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();

    public void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
        total.increment();
    }

    /** A copy of the counts so far, to subtract later with {@link #since}. */
    public LatencyHistogram snapshot() {
        LatencyHistogram copy = new LatencyHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            long n = counts.get(i);
            copy.counts.set(i, n);
            copy.total.add(n);
        }
        return copy;
    }

    /** What was recorded after {@code earlier}, a snapshot of this histogram. */
    public LatencyHistogram since(LatencyHistogram earlier) {
        LatencyHistogram diff = new LatencyHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            long n = Math.max(0, counts.get(i) - earlier.counts.get(i));
            diff.counts.set(i, n);
            diff.total.add(n);
        }
        return diff;
    }

    public long count() {
        return total.sum();
    }

    /** Upper bound of the bucket holding the {@code p}-quantile (0 &lt; p ≤ 1); zero when nothing was recorded. */
    public Duration percentile(double p) {
        long n = count();
        if (n == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(p * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Duration.ofNanos(upperMicros(i) * 1000);
            }
        }
        return Duration.ofNanos(upperMicros(BUCKETS - 1) * 1000);
    }

    @Override
    public String toString() {
        return "n=" + count() + " p50≤" + percentile(0.5).toNanos() / 1000 + "µs p99≤"
                + percentile(0.99).toNanos() / 1000 + "µs";
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int octave = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (octave - SUB_BITS)) & (SUB - 1);
        return Math.min(BUCKETS - 1, SUB + (octave - SUB_BITS) * SUB + sub);
    }

    static long upperMicros(int index) {
        if (index < SUB) {
            return index;
        }
        int octave = (index - SUB) / SUB + SUB_BITS;
        int sub = (index - SUB) % SUB;
        return ((long) (SUB + sub + 1) << (octave - SUB_BITS)) - 1;
    }
}
