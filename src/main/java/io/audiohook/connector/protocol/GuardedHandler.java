package io.audiohook.connector.protocol;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * Calls the application's {@link SessionHandler} so that a callback that throws is logged and counted and the
 * session goes on: a failing backend must not end the call.
 *
 * <p>Not thread-safe: the session calls it under its lock (which is why callbacks must return quickly, see
 * {@link SessionHandler}).
 */
final class GuardedHandler {
    // The protocol logs under one category, whichever class of it speaks, so that one log setting covers it.
    private static final Logger LOG = Logger.getLogger(ProtocolSession.class);

    private final String sessionId;
    private final SessionHandler handler;
    private final SessionStatistics statistics;

    GuardedHandler(String sessionId, SessionHandler handler, SessionStatistics statistics) {
        this.sessionId = sessionId;
        this.handler = handler;
        this.statistics = statistics;
    }

    /** @param callback the callback's name, for the log */
    void call(String callback, Consumer<SessionHandler> call) {
        try {
            call.accept(handler);
        } catch (RuntimeException e) {
            failed(callback, e);
        }
    }

    /** The handler's admission of an {@code open}; one that throws admits it as the deployment would. */
    Admission admit(OpenParameters open) {
        try {
            return handler.admit(open);
        } catch (RuntimeException e) {
            failed("admit", e);
            return Admission.ACCEPT;
        }
    }

    /**
     * The one callback whose failure the session must act on: with no stage to wait for, {@code closed} goes out at
     * once.
     *
     * @return the handler's flush, or empty when it threw
     */
    Optional<CompletionStage<Void>> closing(String reason) {
        CompletionStage<Void> flushed;
        try {
            flushed = handler.closing(reason);
        } catch (RuntimeException e) {
            failed("closing", e);
            return Optional.empty();
        }
        return Optional.of(flushed);
    }

    private void failed(String callback, RuntimeException e) {
        statistics.handlerFailed();
        LOG.warnf(e, "session %s: handler failed in %s; the session goes on", sessionId, callback);
    }
}
