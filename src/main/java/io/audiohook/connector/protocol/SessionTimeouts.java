package io.audiohook.connector.protocol;

import java.time.Duration;
import java.util.Optional;

/**
 * A session's clock and its deadlines. Every state but {@link SessionState#ENDED} waits for something and has one
 * timeout, measured from the moment that matters for it: the socket's creation for {@code open}, the client's
 * last message or frame for idleness, and entering the state for the flush, the answer to {@code disconnect} and
 * the linger after {@code closed}. It only says which timeout has run out; {@link SessionLifecycle} acts on it.
 *
 * <p>The session never reads a clock of its own: the time comes with every call, so tests drive it by hand.
 *
 * <p>Not thread-safe: the session uses it under its lock.
 */
final class SessionTimeouts {

    /** What a state waits for, in the order a session meets them. */
    enum Timeout {
        /** {@link SessionState#PREPARING}: no {@code open} since the socket came up. */
        OPEN,
        /** {@link SessionState#ACTIVE} or {@link SessionState#PAUSED}: neither message nor audio from the client. */
        IDLE,
        /** {@link SessionState#CLOSING}: final results not flushed; {@code closed} goes out anyway. */
        FLUSH,
        /** {@link SessionState#DISCONNECTING}: {@code disconnect} not answered with {@code close}. */
        DISCONNECT,
        /** {@link SessionState#CLOSED}: the client keeps its socket up after {@code closed}. */
        LINGER
    }

    private final ProtocolSettings settings;
    private final long createdNanos;
    private long nowNanos;
    private long lastActivityNanos;
    private long stateSinceNanos;

    /** @param createdNanos monotonic time of the session's creation, in the same time base as later calls */
    SessionTimeouts(ProtocolSettings settings, long createdNanos) {
        this.settings = settings;
        this.createdNanos = createdNanos;
        this.nowNanos = createdNanos;
        this.lastActivityNanos = createdNanos;
        this.stateSinceNanos = createdNanos;
    }

    /** Time has passed without anything from the client (a tick, the socket going away). */
    void advance(long nowNanos) {
        this.nowNanos = nowNanos;
    }

    /** The client sent a message or an audio frame: the idle timeout starts again. */
    void activity(long nowNanos) {
        this.nowNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    /**
     * The session has just entered a state: that state's timeout counts from the latest time the session was told,
     * which for a change the application asks for (a {@code disconnect}) is the last call that brought a time.
     */
    void stateEntered() {
        stateSinceNanos = nowNanos;
    }

    /** The time brought by the latest call into the session. */
    long nowNanos() {
        return nowNanos;
    }

    /** The timeout of {@code state} that has run out by now, if any. */
    Optional<Timeout> expired(SessionState state) {
        return switch (state) {
            case PREPARING -> due(Timeout.OPEN, createdNanos);
            case ACTIVE, PAUSED -> due(Timeout.IDLE, lastActivityNanos);
            case CLOSING -> due(Timeout.FLUSH, stateSinceNanos);
            case DISCONNECTING -> due(Timeout.DISCONNECT, stateSinceNanos);
            case CLOSED -> due(Timeout.LINGER, stateSinceNanos);
            case ENDED -> Optional.empty();
        };
    }

    /** How long {@code timeout} lasts, as configured. */
    Duration limit(Timeout timeout) {
        return switch (timeout) {
            case OPEN -> settings.openTimeout();
            case IDLE -> settings.idleTimeout();
            case FLUSH -> settings.flushTimeout();
            case DISCONNECT -> settings.disconnectTimeout();
            case LINGER -> settings.lingerTimeout();
        };
    }

    private Optional<Timeout> due(Timeout timeout, long sinceNanos) {
        return nowNanos - sinceNanos >= limit(timeout).toNanos() ? Optional.of(timeout) : Optional.empty();
    }
}
