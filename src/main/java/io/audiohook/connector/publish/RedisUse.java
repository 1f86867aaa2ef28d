package io.audiohook.connector.publish;

/**
 * Whether this instance depends on Redis, and for what: publishing events, the signature nonces (shared by all
 * instances) when they are kept there, and the conversation ledger when it is shared.
 */
public record RedisUse(boolean publishing, boolean nonces, boolean ledger) {

    /** Readiness checks Redis only when something here needs it. */
    public boolean inUse() {
        return publishing || nonces || ledger;
    }
}
