package io.audiohook.connector.protocol;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

/**
 * Acts on one checked client message according to the session's state: answers {@code ping}, starts the open and
 * close transactions, follows the client's pause and resume, and passes on to the handler what the client reports.
 * A message that makes no sense in the current state is counted and ignored, never fatal.
 *
 * <p>Not thread-safe: called under the session's lock, which it takes again when a flush completes elsewhere.
 */
final class ClientMessageDispatcher {
    // The protocol logs under one category, whichever class of it speaks, so that one log setting covers it.
    private static final Logger LOG = Logger.getLogger(ProtocolSession.class);

    private final ProtocolSession session;
    private final ProtocolSettings settings;
    private final SerializedSender sender;
    private final GuardedHandler handler;
    private final SessionStatistics statistics;
    private final SessionLifecycle lifecycle;
    private final OpenHandshake handshake;

    /** @param session whose lock guards everything here, taken again when a flush completes on another thread */
    ClientMessageDispatcher(ProtocolSession session, ProtocolSettings settings, SerializedSender sender,
            GuardedHandler handler, SessionStatistics statistics, SessionLifecycle lifecycle, OpenHandshake handshake) {
        this.session = session;
        this.settings = settings;
        this.sender = sender;
        this.handler = handler;
        this.statistics = statistics;
        this.lifecycle = lifecycle;
        this.handshake = handshake;
    }

    void dispatch(ClientMessage message) {
        if (lifecycle.state() != SessionState.PREPARING) {
            long position = message.envelope().positionNanos();
            handler.call("position", h -> h.position(position));
        }
        if (message instanceof ClientMessage.Open o) {
            onOpen(o);
        } else if (message instanceof ClientMessage.Ping) {
            sender.send(ServerMessages.pong());
        } else if (message instanceof ClientMessage.Close c) {
            onClose(c);
        } else if (message instanceof ClientMessage.Paused) {
            if (lifecycle.state() == SessionState.ACTIVE) {
                lifecycle.enter(SessionState.PAUSED);
                handler.call("paused", SessionHandler::paused);
            } else {
                ignored(message, "duplicate or out of state");
            }
        } else if (message instanceof ClientMessage.Resumed r) {
            if (lifecycle.state() == SessionState.PAUSED) {
                lifecycle.enter(SessionState.ACTIVE);
                handler.call("resumed", h -> h.resumed(r.startNanos(), r.discardedNanos()));
            } else {
                ignored(message, "not paused");
            }
        } else if (message instanceof ClientMessage.Discarded d) {
            if (lifecycle.isOpen()) {
                handler.call("discarded", h -> h.discarded(d.startNanos(), d.discardedNanos()));
            } else {
                ignored(message, "not open");
            }
        } else if (message instanceof ClientMessage.Update u) {
            onUpdate(u);
        } else if (message instanceof ClientMessage.Error e) {
            onClientError(e);
        } else {
            ignored(message, "unknown type");
        }
    }

    private void onOpen(ClientMessage.Open message) {
        if (lifecycle.state() != SessionState.PREPARING) {
            ignored(message, "second open");
            return;
        }
        handshake.answer(message.parameters());
    }

    private void onUpdate(ClientMessage.Update update) {
        if (!lifecycle.isOpen()) {
            ignored(update, "not open");
            return;
        }
        update.language().ifPresent(language -> handler.call("languageChanged", h -> h.languageChanged(language)));
        if (handshake.acknowledgesUpdate()) {
            sender.send(ServerMessages.updated());
        }
    }

    private void onClientError(ClientMessage.Error e) {
        // Informational: the client decides whether to close; answering with disconnect would only race it.
        LOG.infof("session %s: client reported error %d", session.sessionId(), e.code());
        LOG.debugf("session %s: client error message: %s", session.sessionId(), e.message());
        if (lifecycle.isOpen()) {
            handler.call("clientError", h -> h.clientError(e.code(), e.message(), e.retryAfterNanos()));
        }
    }

    private void onClose(ClientMessage.Close close) {
        if (lifecycle.state() == SessionState.CLOSING || lifecycle.state() == SessionState.CLOSED) {
            ignored(close, "already closing");
            return;
        }
        lifecycle.closing(close.reason());
        Optional<CompletionStage<Void>> flushed = handler.closing(close.reason());
        if (flushed.isEmpty()) {
            lifecycle.sendClosed();
            return;
        }
        flushed.get().whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debugf(error, "session %s: flushing before closed failed", session.sessionId());
            }
            synchronized (session) {
                lifecycle.flushed();
            }
        });
    }

    private void ignored(ClientMessage message, String why) {
        statistics.ignoredMessage();
        LOG.debugf("session %s: %s message ignored (%s)", session.sessionId(), message.type(), why);
    }
}
