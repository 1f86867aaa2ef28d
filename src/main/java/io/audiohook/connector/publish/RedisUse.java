package io.audiohook.connector.publish;

/**
 * Whether this instance depends on Redis, and for what: publishing events, and the signature nonces (shared by
 * all instances) when they are kept there.
 */
public record RedisUse(boolean publishing, boolean nonces) {

    /** Readiness checks Redis only when something here needs it. */
    public boolean inUse() {
        return publishing || nonces;
    }
}
