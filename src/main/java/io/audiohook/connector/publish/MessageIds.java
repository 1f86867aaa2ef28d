package io.audiohook.connector.publish;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Envelope {@code message_id}s: decimal strings like Pub/Sub's, unique per event. A 64-bit counter seeded at
 * random per instance, so instances (and restarts) do not collide in practice and a retried event keeps its id.
 */
public final class MessageIds {
    private final AtomicLong next;

    public MessageIds() {
        // 18 digits, like Pub/Sub's ids are long decimals; 8.3e18 increments remain before overflow
        this(100_000_000_000_000_000L + (new SecureRandom().nextLong() >>> 1) % 800_000_000_000_000_000L);
    }

    MessageIds(long seed) {
        this.next = new AtomicLong(seed);
    }

    public String next() {
        return Long.toString(next.getAndIncrement());
    }
}
