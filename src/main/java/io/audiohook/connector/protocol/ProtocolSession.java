package io.audiohook.connector.protocol;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server side of one AudioHook session: validates what the client sends, keeps the state machine,
 * answers, and reports protocol events to a {@link SessionHandler}. It knows nothing of sockets or
 * frameworks: the caller feeds it frames and a clock, and gives it a {@link Transport}.
 *
 * <p>
 * All entry points are synchronized on the session, so it may be driven from the socket's thread, timers
 * and backend callbacks alike; messages leave through one {@link SerializedSender}.
 *
 * <p>
 * The work is shared out: {@link ClientMessageReader} checks each text frame, {@link ClientMessageDispatcher}
 * acts on it, {@link OpenHandshake} runs {@code open}, {@link SessionLifecycle} keeps the state and the
 * transitions, {@link SessionTimeouts} says when a state has waited too long, {@link GuardedHandler} keeps a
 * failing handler from ending the call, and {@link SessionStatistics} counts. None of them locks: this class does.
 */
public final class ProtocolSession {
    private final String sessionId;
    private final SerializedSender sender;
    private final SessionTimeouts timeouts;
    private final SessionStatistics statistics = new SessionStatistics();
    private final GuardedHandler handler;
    private final SessionLifecycle lifecycle;
    private final OpenHandshake handshake;
    private final ClientMessageReader reader;
    private final ClientMessageDispatcher dispatcher;

    /**
     * @param organizationHeader the {@code Audiohook-Organization-Id} the socket was authenticated with;
     *                           {@code open.organizationId} must match it
     * @param nowNanos           monotonic time of creation, in the same time base as later calls
     */
    public ProtocolSession(String sessionId, String organizationHeader, ProtocolSettings settings, Transport transport,
            SessionHandler handler, long nowNanos) {
        this.sessionId = sessionId;
        this.sender = new SerializedSender(sessionId, transport);
        this.timeouts = new SessionTimeouts(settings, nowNanos);
        this.handler = new GuardedHandler(sessionId, handler, statistics);
        this.lifecycle = new SessionLifecycle(sessionId, transport, sender, this.handler, timeouts);
        this.handshake = new OpenHandshake(this, organizationHeader, settings, sender, this.handler, lifecycle,
                timeouts);
        this.reader = new ClientMessageReader(sessionId, sender);
        this.dispatcher = new ClientMessageDispatcher(this, settings, sender, this.handler, statistics, lifecycle,
                handshake);
    }

    // ---------------------------------------------------------------- inbound

    public synchronized void onText(String text, long nowNanos) {
        timeouts.activity(nowNanos);
        if (lifecycle.state() == SessionState.ENDED) {
            return;
        }
        statistics.textMessage();
        ClientMessage message;
        try {
            message = reader.read(text, lifecycle.state());
        } catch (ProtocolViolation violation) {
            lifecycle.violation(violation.info());
            return;
        }
        dispatcher.dispatch(message);
    }

    public synchronized void onBinary(byte[] frame, int offset, int length, long nowNanos) {
        timeouts.activity(nowNanos);
        if (lifecycle.state() == SessionState.PREPARING) {
            // No client sends audio before it has opened the session (reference server: disconnect error).
            statistics.droppedFrame(length);
            lifecycle.violation(ProtocolViolation.AUDIO_BEFORE_OPEN);
            return;
        }
        MediaOffer media = handshake.mediaOrNull();
        if (lifecycle.state() != SessionState.ACTIVE || media == null) {
            // Audio can race a pause or trail a close: drop it but keep the call.
            statistics.droppedFrame(length);
            return;
        }
        if (length > ProtocolSettings.MAX_BINARY_BYTES) {
            statistics.droppedFrame(length);
            lifecycle.violation(ProtocolViolation.BINARY_TOO_LARGE);
            return;
        }
        if (length == 0 || length % media.bytesPerSampleFrame() != 0) {
            statistics.droppedFrame(length);
            lifecycle.violation(ProtocolViolation.BAD_AUDIO_FRAME);
            return;
        }
        statistics.audioFrame(length);
        handler.call("audio", h -> h.audio(frame, offset, length));
    }

    /** The WebSocket is gone, whoever closed it. */
    public synchronized void onSocketClosed(long nowNanos) {
        timeouts.advance(nowNanos);
        lifecycle.socketClosed();
    }

    /** Drives every timeout; call it periodically (about once a second is plenty). */
    public synchronized void onTick(long nowNanos) {
        timeouts.advance(nowNanos);
        timeouts.expired(lifecycle.state()).ifPresent(lifecycle::expire);
    }

    // ---------------------------------------------------------------- outbound API for the application

    /** Ends the session from the server side; ignored once the client has started closing, and sent at most once. */
    public synchronized boolean disconnect(DisconnectReason reason, Optional<String> info) {
        return lifecycle.disconnect(reason, info);
    }

    /** Asks the client to pause the audio stream (it answers {@code paused}). */
    public synchronized boolean pause() {
        return lifecycle.isOpen() && sender.send(ServerMessages.pause());
    }

    /** Asks the client to resume (it answers {@code resumed}, or {@code paused} if it holds its own pause). */
    public synchronized boolean resume() {
        return lifecycle.isOpen() && sender.send(ServerMessages.resume());
    }

    /** Sends one {@code event}; allowed until {@code closed} has gone out. */
    public synchronized boolean sendEvent(List<? extends JsonNode> entities) {
        return (lifecycle.isOpen() || lifecycle.state() == SessionState.CLOSING)
                && sender.send(ServerMessages.event(entities));
    }

    // ---------------------------------------------------------------- accessors

    /** Server time from {@code open} received to {@code opened} handed to the transport; -1 before that. */
    public long openToOpenedNanos() {
        return handshake.openToOpenedNanos();
    }

    public String sessionId() {
        return sessionId;
    }

    /** Whether {@code opened} told the client to start paused (never for probes). */
    public synchronized boolean startedPaused() {
        return handshake.startedPaused();
    }

    public synchronized SessionState state() {
        return lifecycle.state();
    }

    public synchronized Optional<OpenParameters> openParameters() {
        return handshake.parameters();
    }

    public synchronized Optional<MediaOffer> media() {
        return handshake.media();
    }

    public synchronized SessionCounters counters() {
        return statistics.snapshot();
    }

    public long serverSeq() {
        return sender.serverSeq();
    }
}
