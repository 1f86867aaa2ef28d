package io.audiohook.connector.protocol;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server side of one AudioHook session: validates what the client sends, keeps the state machine,
 * answers, and reports protocol events to a {@link SessionHandler}. It knows nothing of sockets or
 * frameworks: the caller feeds it frames and a clock, and gives it a {@link Transport}.
 *
 * <p>
 * All entry points are synchronized on the session, so it may be driven from the socket's thread, timers
 * and backend callbacks alike; messages leave through one {@link SerializedSender}.
 */
public final class ProtocolSession {
    private static final Logger LOG = Logger.getLogger(ProtocolSession.class);
    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_POLICY = 1008;

    private final String sessionId;
    private final String organizationHeader;
    private final ProtocolSettings settings;
    private final SerializedSender sender;
    private final Transport transport;
    private final SessionHandler handler;

    private SessionState state = SessionState.PREPARING;
    private long lastClientSeq;
    private final long createdNanos;
    private long lastActivityNanos;
    private long stateSinceNanos;
    private long nowNanos;
    private OpenParameters open;
    private boolean startedPaused;
    private MediaOffer media;
    private String closeReason;
    private DisconnectReason disconnectReason;
    private String disconnectInfo;
    /** From {@code open} received to {@code opened} handed to the transport; -1 until then. */
    private volatile long openToOpenedNanos = -1;

    private long textMessages;
    private long audioFrames;
    private long audioBytes;
    private long droppedFrames;
    private long droppedBytes;
    private long ignoredMessages;
    private long handlerFailures;

    /**
     * @param organizationHeader the {@code Audiohook-Organization-Id} the socket was authenticated with;
     *                           {@code open.organizationId} must match it
     * @param nowNanos           monotonic time of creation, in the same time base as later calls
     */
    public ProtocolSession(String sessionId, String organizationHeader, ProtocolSettings settings, Transport transport,
            SessionHandler handler, long nowNanos) {
        this.sessionId = sessionId;
        this.organizationHeader = organizationHeader;
        this.settings = settings;
        this.transport = transport;
        this.sender = new SerializedSender(sessionId, transport);
        this.handler = handler;
        this.createdNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
        this.stateSinceNanos = nowNanos;
        this.nowNanos = nowNanos;
    }

    // ---------------------------------------------------------------- inbound

    public synchronized void onText(String text, long nowNanos) {
        touch(nowNanos);
        if (state == SessionState.ENDED) {
            return;
        }
        textMessages++;
        ClientMessage message;
        try {
            ClientMessage.Envelope envelope = ClientMessageCodec.decodeEnvelope(text);
            try {
                checkSequence(envelope);
            } catch (ProtocolViolation violation) {
                if (state != SessionState.DISCONNECTING || !"close".equals(envelope.type())) {
                    throw violation;
                }
                // After our disconnect the client may count a message we could not read; its close must
                // still be answered, or Genesys waits for its close timeout.
                sender.acknowledge(envelope.seq());
            }
            message = ClientMessageCodec.decodeParameters(envelope);
        } catch (ProtocolViolation violation) {
            violation(violation.info());
            return;
        }
        dispatch(message);
    }

    public synchronized void onBinary(byte[] frame, int offset, int length, long nowNanos) {
        touch(nowNanos);
        if (state != SessionState.ACTIVE || media == null) {
            // Audio can race a pause or trail a close: drop it but keep the call.
            drop(length);
            return;
        }
        if (length > ProtocolSettings.MAX_BINARY_BYTES) {
            drop(length);
            violation(ProtocolViolation.BINARY_TOO_LARGE);
            return;
        }
        if (length == 0 || length % media.bytesPerSampleFrame() != 0) {
            drop(length);
            violation(ProtocolViolation.BAD_AUDIO_FRAME);
            return;
        }
        audioFrames++;
        audioBytes += length;
        guarded("audio", () -> handler.audio(frame, offset, length));
    }

    /** The WebSocket is gone, whoever closed it. */
    public synchronized void onSocketClosed(long nowNanos) {
        this.nowNanos = nowNanos;
        if (state == SessionState.ENDED) {
            return;
        }
        SessionEnd end;
        if (disconnectReason != null) {
            end = new SessionEnd(SessionEnd.Outcome.DISCONNECTED, Optional.ofNullable(closeReason),
                    Optional.of(disconnectReason), Optional.ofNullable(disconnectInfo));
        } else if (state == SessionState.CLOSED) {
            end = new SessionEnd(SessionEnd.Outcome.CLOSED, Optional.ofNullable(closeReason), Optional.empty(),
                    Optional.empty());
        } else if (state == SessionState.PREPARING) {
            end = new SessionEnd(SessionEnd.Outcome.SOCKET_LOST, Optional.empty(), Optional.empty(),
                    Optional.of("socket closed before open"));
        } else {
            end = new SessionEnd(SessionEnd.Outcome.SOCKET_LOST, Optional.ofNullable(closeReason), Optional.empty(),
                    Optional.empty());
        }
        end(end);
    }

    /** Drives every timeout; call it periodically (about once a second is plenty). */
    public synchronized void onTick(long nowNanos) {
        this.nowNanos = nowNanos;
        switch (state) {
            case PREPARING -> {
                if (nowNanos - createdNanos >= settings.openTimeout().toNanos()) {
                    LOG.debugf("session %s: no open within %s", sessionId, settings.openTimeout());
                    transport.close(CLOSE_POLICY, "open timeout");
                    end(new SessionEnd(SessionEnd.Outcome.OPEN_TIMEOUT, Optional.empty(), Optional.empty(),
                            Optional.of("no open message")));
                }
            }
            case ACTIVE, PAUSED -> {
                if (nowNanos - lastActivityNanos >= settings.idleTimeout().toNanos()) {
                    disconnect(DisconnectReason.ERROR, Optional.of("Session idle timeout"));
                }
            }
            case CLOSING -> {
                if (nowNanos - stateSinceNanos >= settings.flushTimeout().toNanos()) {
                    LOG.debugf("session %s: final results not flushed within %s", sessionId, settings.flushTimeout());
                    sendClosed();
                }
            }
            case DISCONNECTING -> {
                if (nowNanos - stateSinceNanos >= settings.disconnectTimeout().toNanos()) {
                    transport.close(CLOSE_NORMAL, "disconnect not answered");
                    onSocketClosed(nowNanos);
                }
            }
            case CLOSED -> {
                if (nowNanos - stateSinceNanos >= settings.lingerTimeout().toNanos()) {
                    transport.close(CLOSE_NORMAL, "closed");
                    onSocketClosed(nowNanos);
                }
            }
            case ENDED -> {
            }
        }
    }

    // ---------------------------------------------------------------- outbound API for the application

    /** Ends the session from the server side; ignored once the client has started closing, and sent at most once. */
    public synchronized boolean disconnect(DisconnectReason reason, Optional<String> info) {
        if (state == SessionState.CLOSING || state == SessionState.CLOSED || state == SessionState.DISCONNECTING
                || state == SessionState.ENDED) {
            return false;
        }
        disconnectReason = reason;
        disconnectInfo = info.orElse(null);
        boolean sent = sender.send(ServerMessages.disconnect(reason, info));
        enter(SessionState.DISCONNECTING);
        return sent;
    }

    /** Asks the client to pause the audio stream (it answers {@code paused}). */
    public synchronized boolean pause() {
        return (state == SessionState.ACTIVE || state == SessionState.PAUSED) && sender.send(ServerMessages.pause());
    }

    /** Asks the client to resume (it answers {@code resumed}, or {@code paused} if it holds its own pause). */
    public synchronized boolean resume() {
        return (state == SessionState.ACTIVE || state == SessionState.PAUSED) && sender.send(ServerMessages.resume());
    }

    /** Sends one {@code event}; allowed until {@code closed} has gone out. */
    public synchronized boolean sendEvent(List<? extends JsonNode> entities) {
        return (state == SessionState.ACTIVE || state == SessionState.PAUSED || state == SessionState.CLOSING)
                && sender.send(ServerMessages.event(entities));
    }

    // ---------------------------------------------------------------- accessors

    /** Server time from {@code open} received to {@code opened} handed to the transport; -1 before that. */
    public long openToOpenedNanos() {
        return openToOpenedNanos;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Whether {@code opened} told the client to start paused (never for probes). */
    public synchronized boolean startedPaused() {
        return startedPaused;
    }

    public synchronized SessionState state() {
        return state;
    }

    public synchronized Optional<OpenParameters> openParameters() {
        return Optional.ofNullable(open);
    }

    public synchronized Optional<MediaOffer> media() {
        return Optional.ofNullable(media);
    }

    public synchronized SessionCounters counters() {
        return new SessionCounters(textMessages, audioFrames, audioBytes, droppedFrames, droppedBytes, ignoredMessages,
                handlerFailures);
    }

    public long serverSeq() {
        return sender.serverSeq();
    }

    // ---------------------------------------------------------------- internals

    private void checkSequence(ClientMessage.Envelope envelope) {
        long expected = lastClientSeq + 1;
        // Follow the client's numbering even when it is wrong, so that its close after our disconnect is
        // understood; but only acknowledge (clientseq) messages that were in order.
        lastClientSeq = envelope.seq();
        if (envelope.seq() != expected) {
            throw new ProtocolViolation(ProtocolViolation.BAD_SEQ);
        }
        sender.acknowledge(envelope.seq());
        if (envelope.serverseq() > sender.serverSeq()) {
            throw new ProtocolViolation(ProtocolViolation.BAD_SERVERSEQ);
        }
        if (!Uuids.same(envelope.id(), sessionId)) {
            throw new ProtocolViolation(ProtocolViolation.ID_MISMATCH);
        }
    }

    private void dispatch(ClientMessage message) {
        if (state != SessionState.PREPARING) {
            long position = message.envelope().positionNanos();
            guarded("position", () -> handler.position(position));
        }
        if (message instanceof ClientMessage.Open o) {
            onOpen(o);
        } else if (message instanceof ClientMessage.Ping) {
            sender.send(ServerMessages.pong());
        } else if (message instanceof ClientMessage.Close c) {
            onClose(c);
        } else if (message instanceof ClientMessage.Paused) {
            if (state == SessionState.ACTIVE) {
                enter(SessionState.PAUSED);
                guarded("paused", handler::paused);
            } else {
                ignored(message, "duplicate or out of state");
            }
        } else if (message instanceof ClientMessage.Resumed r) {
            if (state == SessionState.PAUSED) {
                enter(SessionState.ACTIVE);
                guarded("resumed", () -> handler.resumed(r.startNanos(), r.discardedNanos()));
            } else {
                ignored(message, "not paused");
            }
        } else if (message instanceof ClientMessage.Discarded d) {
            if (isOpen()) {
                guarded("discarded", () -> handler.discarded(d.startNanos(), d.discardedNanos()));
            } else {
                ignored(message, "not open");
            }
        } else if (message instanceof ClientMessage.Update u) {
            onUpdate(u);
        } else if (message instanceof ClientMessage.Error e) {
            // Informational: the client decides whether to close; answering with disconnect would only race it.
            LOG.infof("session %s: client reported error %d", sessionId, e.code());
            LOG.debugf("session %s: client error message: %s", sessionId, e.message());
            if (isOpen()) {
                guarded("clientError", () -> handler.clientError(e.code(), e.message(), e.retryAfterNanos()));
            }
        } else {
            ignored(message, "unknown type");
        }
    }

    private void onOpen(ClientMessage.Open message) {
        if (state != SessionState.PREPARING) {
            ignored(message, "second open");
            return;
        }
        OpenParameters parameters = message.parameters();
        open = parameters;
        if (!Uuids.same(parameters.organizationId(), organizationHeader)) {
            LOG.infof("session %s: organization in open does not match the authenticated header", sessionId);
            disconnect(DisconnectReason.UNAUTHORIZED, Optional.empty());
            return;
        }
        Optional<MediaOffer> selected = MediaSelector.select(parameters.media(), settings.formats());
        if (selected.isEmpty()) {
            disconnect(DisconnectReason.ERROR, Optional.of(ProtocolViolation.NO_MEDIA));
            return;
        }
        media = selected.get();
        Optional<List<String>> languages = parameters.supportedLanguages() ? Optional.of(settings.languages())
                : Optional.empty();
        // a probe is answered at once: Genesys expects opened → close, and nothing would ever resume it
        startedPaused = settings.startPaused() && !parameters.isProbe();
        sender.send(ServerMessages.opened(selected, startedPaused, languages));
        openToOpenedNanos = Math.max(0, System.nanoTime() - nowNanos);
        enter(SessionState.ACTIVE);
        guarded("opened", () -> handler.opened(this, parameters, selected));
    }

    private void onUpdate(ClientMessage.Update update) {
        if (state != SessionState.ACTIVE && state != SessionState.PAUSED) {
            ignored(update, "not open");
            return;
        }
        update.language().ifPresent(language -> guarded("languageChanged", () -> handler.languageChanged(language)));
        if (settings.acknowledgeUpdate()) {
            sender.send(ServerMessages.updated());
        }
    }

    private void onClose(ClientMessage.Close close) {
        if (state == SessionState.CLOSING || state == SessionState.CLOSED) {
            ignored(close, "already closing");
            return;
        }
        closeReason = close.reason();
        enter(SessionState.CLOSING);
        CompletionStage<Void> flushed;
        try {
            flushed = handler.closing(close.reason());
        } catch (RuntimeException e) {
            handlerFailure("closing", e);
            sendClosed();
            return;
        }
        flushed.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debugf(error, "session %s: flushing before closed failed", sessionId);
            }
            synchronized (this) {
                if (state == SessionState.CLOSING) {
                    sendClosed();
                }
            }
        });
    }

    private void sendClosed() {
        sender.sendLast(ServerMessages.closed());
        enter(SessionState.CLOSED);
        String reason = closeReason;
        guarded("closed", () -> handler.closed(reason));
    }

    private void violation(String info) {
        if (state == SessionState.DISCONNECTING || state == SessionState.CLOSING || state == SessionState.CLOSED
                || state == SessionState.ENDED) {
            // One disconnect per session, and none once the client is closing: later faults are only logged.
            LOG.debugf("session %s: further protocol violation ignored: %s", sessionId, info);
            return;
        }
        LOG.infof("session %s: protocol violation: %s", sessionId, info);
        disconnect(DisconnectReason.ERROR, Optional.of(info));
    }

    private void end(SessionEnd end) {
        sender.seal();
        enter(SessionState.ENDED);
        guarded("ended", () -> handler.ended(end));
    }

    private boolean isOpen() {
        return state == SessionState.ACTIVE || state == SessionState.PAUSED;
    }

    private void enter(SessionState next) {
        state = next;
        stateSinceNanos = nowNanos;
    }

    private void touch(long nowNanos) {
        this.nowNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    private void drop(int length) {
        droppedFrames++;
        droppedBytes += length;
    }

    private void ignored(ClientMessage message, String why) {
        ignoredMessages++;
        LOG.debugf("session %s: %s message ignored (%s)", sessionId, message.type(), why);
    }

    private void guarded(String callback, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            handlerFailure(callback, e);
        }
    }

    private void handlerFailure(String callback, RuntimeException e) {
        handlerFailures++;
        LOG.warnf(e, "session %s: handler failed in %s; the session goes on", sessionId, callback);
    }
}
