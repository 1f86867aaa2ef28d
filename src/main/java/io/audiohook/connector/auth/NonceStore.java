package io.audiohook.connector.auth;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Remembers signature nonces so that a captured upgrade request cannot be replayed while its
 * signature is still within the accepted time window. Asynchronous so that a shared store (e.g.
 * Redis) can back several server instances.
 */
public interface NonceStore {

    /**
     * Atomically records {@code nonce} for {@code keyFingerprint} if it is not already recorded.
     *
     * @param keyFingerprint namespace, normally {@link ApiKey#fingerprint()}
     * @param until          the nonce must be remembered at least until this instant
     * @return {@code true} if the nonce was new, {@code false} if it was seen before; completes
     *         exceptionally (e.g. {@link NonceStoreFullException}) if the store cannot decide,
     *         which callers must treat as a rejection, not as a replay
     */
    CompletionStage<Boolean> claim(String keyFingerprint, String nonce, Instant until);
}
