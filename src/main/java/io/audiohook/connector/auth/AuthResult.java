package io.audiohook.connector.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Outcome of authentication.
 *
 * @param outcome    what happened
 * @param key        the matched configured key, or {@code null} if none matched
 * @param detail     human-readable reason for DEBUG logs; never contains a secret or a full key,
 *                   but may say more than a client should be told
 * @param nonce      nonce of a signature whose MAC verified, or {@code null} if no signature was
 *                   verified (unsigned request, key without secret, or verification failed)
 * @param validUntil last instant the verified signature would still be accepted, i.e. how long
 *                   its nonce must be remembered; {@code null} when {@code nonce} is
 */
public record AuthResult(AuthOutcome outcome, ApiKey key, String detail, String nonce, Instant validUntil) {

    public AuthResult {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        if ((nonce == null) != (validUntil == null)) {
            throw new IllegalArgumentException("nonce and validUntil go together");
        }
    }

    public AuthResult(AuthOutcome outcome, ApiKey key, String detail) {
        this(outcome, key, detail, null, null);
    }

    public boolean ok() {
        return outcome == AuthOutcome.OK;
    }

    /** Same result with another outcome and detail; keeps key, nonce and validity. */
    AuthResult with(AuthOutcome newOutcome, String newDetail) {
        return new AuthResult(newOutcome, key, newDetail, nonce, validUntil);
    }
}
