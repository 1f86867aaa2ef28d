package io.audiohook.connector.protocol;

import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * A session's {@link SessionState} and the transitions that more than one trigger leads to: {@code disconnect}
 * (asked by the application, for a protocol violation, on the idle timeout), {@code closed} at the end of the close
 * transaction (flushed, flush failed, flush timeout), what each timeout does, and the one {@link SessionEnd}. It
 * remembers why the session is ending (the client's close reason, the server's disconnect) for that report.
 *
 * <p>Not thread-safe: driven under the {@link ProtocolSession}'s lock.
 */
final class SessionLifecycle {
    // The protocol logs under one category, whichever class of it speaks, so that one log setting covers it.
    private static final Logger LOG = Logger.getLogger(ProtocolSession.class);
    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_POLICY = 1008;

    private final String sessionId;
    private final Transport transport;
    private final SerializedSender sender;
    private final GuardedHandler handler;
    private final SessionTimeouts timeouts;

    private SessionState state = SessionState.PREPARING;
    private String closeReason;
    private DisconnectReason disconnectReason;
    private String disconnectInfo;

    SessionLifecycle(String sessionId, Transport transport, SerializedSender sender, GuardedHandler handler,
            SessionTimeouts timeouts) {
        this.sessionId = sessionId;
        this.transport = transport;
        this.sender = sender;
        this.handler = handler;
        this.timeouts = timeouts;
    }

    SessionState state() {
        return state;
    }

    /** Opened and not closing: audio flows or is paused. */
    boolean isOpen() {
        return state == SessionState.ACTIVE || state == SessionState.PAUSED;
    }

    void enter(SessionState next) {
        state = next;
        timeouts.stateEntered();
    }

    /** Ends the session from the server side; ignored once the client has started closing, and sent at most once. */
    boolean disconnect(DisconnectReason reason, Optional<String> info) {
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

    /** The client broke the protocol; {@code info} describes its input for {@code disconnect.info}. */
    void violation(String info) {
        if (state == SessionState.DISCONNECTING || state == SessionState.CLOSING || state == SessionState.CLOSED
                || state == SessionState.ENDED) {
            // One disconnect per session, and none once the client is closing: later faults are only logged.
            LOG.debugf("session %s: further protocol violation ignored: %s", sessionId, info);
            return;
        }
        LOG.infof("session %s: protocol violation: %s", sessionId, info);
        disconnect(DisconnectReason.ERROR, Optional.of(info));
    }

    /** The client sent {@code close}: final events may still go out until {@link #sendClosed()}. */
    void closing(String reason) {
        closeReason = reason;
        enter(SessionState.CLOSING);
    }

    /** The handler's flush is over, well or not: {@code closed} goes out unless the flush timeout sent it already. */
    void flushed() {
        if (state == SessionState.CLOSING) {
            sendClosed();
        }
    }

    /** Ends the close transaction: {@code closed} is the last message the session sends. */
    void sendClosed() {
        sender.sendLast(ServerMessages.closed());
        enter(SessionState.CLOSED);
        String reason = closeReason;
        handler.call("closed", h -> h.closed(reason));
    }

    /** What the session does when the timeout of its state has run out. */
    void expire(SessionTimeouts.Timeout timeout) {
        switch (timeout) {
            case OPEN -> {
                LOG.debugf("session %s: no open within %s", sessionId, timeouts.limit(timeout));
                transport.close(CLOSE_POLICY, "open timeout");
                end(new SessionEnd(SessionEnd.Outcome.OPEN_TIMEOUT, Optional.empty(), Optional.empty(),
                        Optional.of("no open message")));
            }
            case IDLE -> disconnect(DisconnectReason.ERROR, Optional.of("Session idle timeout"));
            case FLUSH -> {
                LOG.debugf("session %s: final results not flushed within %s", sessionId, timeouts.limit(timeout));
                sendClosed();
            }
            case DISCONNECT -> {
                transport.close(CLOSE_NORMAL, "disconnect not answered");
                socketClosed();
            }
            case LINGER -> {
                transport.close(CLOSE_NORMAL, "closed");
                socketClosed();
            }
        }
    }

    /** The WebSocket is gone, whoever closed it: the session ends, saying how, unless it has ended already. */
    void socketClosed() {
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

    private void end(SessionEnd end) {
        sender.seal();
        enter(SessionState.ENDED);
        handler.call("ended", h -> h.ended(end));
    }
}
