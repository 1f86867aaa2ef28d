package io.audiohook.connector.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Single-instance {@link NonceStore} with a hard cap on the number of remembered nonces.
 *
 * <p>Entries are kept in insertion order. Since every nonce is remembered for roughly the same
 * short window, insertion order is close to expiry order, so dropping expired entries from the
 * head is O(1) amortised. An entry that outlives younger neighbours only delays their removal;
 * a full scan reclaims those when the store is full, at most once per {@link #SWEEP_INTERVAL}
 * so that a flood cannot make every call O(n).
 *
 * <p>All operations run under one lock; they are a few map operations, shorter than contention
 * would make worth avoiding at upgrade-request rates.
 */
public final class InMemoryNonceStore implements NonceStore {

    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private static final CompletableFuture<Boolean> NEW = CompletableFuture.completedFuture(Boolean.TRUE);
    private static final CompletableFuture<Boolean> SEEN = CompletableFuture.completedFuture(Boolean.FALSE);

    private final int maxEntries;
    private final Clock clock;
    private final Object lock = new Object();
    /** Value: epoch millis until which the nonce is remembered (inclusive). */
    private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>();
    private final LongAdder rejectedFull = new LongAdder();
    private long lastSweepMillis = Long.MIN_VALUE;

    public InMemoryNonceStore() {
        this(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
    }

    public InMemoryNonceStore(int maxEntries) {
        this(maxEntries, Clock.systemUTC());
    }

    public InMemoryNonceStore(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Boolean> claim(String keyFingerprint, String nonce, Instant until) {
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(until, "until");
        // '\n' cannot occur in a fingerprint or in a structured-field string, so ids cannot collide.
        String id = keyFingerprint + '\n' + nonce;
        long untilMillis = until.toEpochMilli();
        long now = clock.millis();
        synchronized (lock) {
            purgeHead(now);
            Long existing = entries.get(id);
            if (existing != null) {
                if (existing >= now) {
                    return SEEN;
                }
                // Expired but not yet purged; re-inserting moves it to the tail, where it belongs.
                entries.remove(id);
            }
            if (entries.size() >= maxEntries && sweepAllowed(now)) {
                lastSweepMillis = now;
                entries.values().removeIf(u -> u < now);
            }
            if (entries.size() >= maxEntries) {
                rejectedFull.increment();
                return CompletableFuture.failedFuture(
                        new NonceStoreFullException("nonce store holds " + maxEntries + " live nonces"));
            }
            entries.put(id, untilMillis);
            return NEW;
        }
    }

    /** Number of claims refused because the store was full. */
    public long rejectedFull() {
        return rejectedFull.sum();
    }

    /** Remembered nonces, including expired ones not yet purged. */
    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    private boolean sweepAllowed(long now) {
        // The sentinel check also keeps "now - MIN_VALUE" from overflowing on the first sweep.
        return lastSweepMillis == Long.MIN_VALUE || now - lastSweepMillis >= SWEEP_INTERVAL.toMillis();
    }

    private void purgeHead(long now) {
        Iterator<Map.Entry<String, Long>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue() >= now) {
                return;
            }
            it.remove();
        }
    }
}
