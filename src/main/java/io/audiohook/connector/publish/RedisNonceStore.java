package io.audiohook.connector.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.audiohook.connector.auth.NonceStore;

/**
 * Nonces shared by every instance behind the load balancer, so a captured upgrade cannot be replayed against
 * a sibling: {@code SET <prefix>:nonce:<fingerprint>:<nonce> 1 NX PXAT <until>}. Redis expires the key at
 * {@code until}, so nothing here ever cleans up. Needs Redis 6.2 or later (PXAT).
 */
public final class RedisNonceStore implements NonceStore {
    private final RedisLane redis;
    private final String prefix;
    private final Duration timeout;

    /**
     * @param timeout how long an upgrade may wait for Redis; past it the claim fails, which the upgrade guard
     *                answers with 503 rather than letting Genesys' connect time out
     */
    public RedisNonceStore(RedisLane redis, String prefix, Duration timeout) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public CompletionStage<Boolean> claim(String keyFingerprint, String nonce, Instant until) {
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(until, "until");
        // PXAT in the past would make Redis refuse the command; a nonce already out of its window cannot be
        // replayed anyway, so the smallest future expiry keeps the answer (new / seen) meaningful.
        long untilMillis = Math.max(until.toEpochMilli(), System.currentTimeMillis() + 1);
        return redis.execute("SET", key(keyFingerprint, nonce), "1", "NX", "PXAT", Long.toString(untilMillis))
                // NX answers OK when it set the key and nil when the key existed.
                .map(response -> response != null)
                .ifNoItem().after(timeout).failWith(() -> new RedisUnavailableException("no answer within " + timeout))
                .subscribeAsCompletionStage();
    }

    String key(String keyFingerprint, String nonce) {
        return prefix + ":nonce:" + keyFingerprint + ":" + nonce;
    }

    /** Redis did not answer in time; callers treat it like any other store failure (503, not "replayed"). */
    public static final class RedisUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedisUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
