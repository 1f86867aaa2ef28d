package io.audiohook.connector.auth;

import java.util.Locale;

/** Result categories of authenticating an upgrade request; only {@link #OK} admits it. */
public enum AuthOutcome {
    OK,
    /** No {@code X-API-KEY} header. */
    MISSING_API_KEY,
    /** {@code X-API-KEY} is not configured. */
    UNKNOWN_API_KEY,
    /** The key has a client secret but the request carries no signature. */
    UNSIGNED,
    /** Malformed or unsupported signature headers. */
    INVALID,
    /** Well-formed signature that breaks a rule (keyid, nonce, created). */
    PRECONDITION,
    /** Outside the accepted time window. */
    EXPIRED,
    /** MAC mismatch: wrong secret or altered request. */
    FAILED,
    /** Nonce already used within its validity window. */
    REPLAYED,
    /** Organization not on the allow-list. */
    ORG_NOT_ALLOWED;

    private final String reason = name().toLowerCase(Locale.ROOT);

    /** Stable lower-case label for metrics and logs, e.g. {@code unknown_api_key}. */
    public String reason() {
        return reason;
    }
}
