package io.audiohook.connector.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.web.Draining;
import io.audiohook.connector.web.LiveSessions;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Stopping an instance without dropping calls. Once started (at shutdown, i.e. SIGTERM, or by {@link #start()}):
 * new upgrades are answered 503 and readiness is DOWN; running calls go on until {@code connector.drain.close-reserve}
 * before the end of {@code connector.drain.grace}; then each remaining session gets {@code disconnect} with reason {@code completed}, the client answers with
 * {@code close}, the last results are flushed, and the session ends. The Dialogflow conversations stay open: a
 * disconnect is not the end of the conversation, so a session on another instance can continue them.
 */
@ApplicationScoped
public class Drain implements Draining {
    private static final Logger LOG = Logger.getLogger(Drain.class);
    static final String INFO = "server shutting down";

    @Inject
    LiveSessions sessions;
    @Inject
    DrainConfig config;
    @Inject
    ProtocolConfig protocol;
    @Inject
    Vertx vertx;

    private volatile boolean draining;
    /** When waiting for the drain gives up (System.nanoTime), set when it starts: one bound however often awaited. */
    private volatile long giveUpAtNanos;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    @Override
    public boolean draining() {
        return draining;
    }

    /** Completes once no session is left after the drain started. */
    public CompletableFuture<Void> drained() {
        return drained;
    }

    /** Starts draining (once); returns at once. */
    public synchronized CompletableFuture<Void> start() {
        if (draining) {
            return drained;
        }
        draining = true;
        Duration grace = config.grace();
        giveUpAtNanos = System.nanoTime() + grace.plus(protocol.disconnectTimeout()).plusMillis(500).toNanos();
        Duration disconnectAt = grace.minus(config.closeReserve());
        LOG.infof("draining: new sessions refused, %d running session(s) get %d ms before disconnect",
                sessions.active(), Math.max(0, disconnectAt.toMillis()));
        sessions.onIdle(() -> drained.complete(null));
        if (sessions.active() == 0) {
            drained.complete(null);
            return drained;
        }
        vertx.setTimer(Math.max(1, disconnectAt.toMillis()), id -> {
            if (!drained.isDone()) {
                int n = sessions.disconnectAll(DisconnectReason.COMPLETED, Optional.of(INFO));
                LOG.infof("drain grace over: %d session(s) disconnected", n);
            }
        });
        return drained;
    }

    /**
     * Quarkus' graceful HTTP shutdown ({@code quarkus.shutdown.timeout}) counts every WebSocket upgrade as a request
     * that never completes: with it set, each stop after any call waits the whole timeout and then logs an ERROR
     * ("Timed out waiting for graceful shutdown"), however cleanly the drain ended the calls. Said once at startup.
     */
    void onStart(@Observes StartupEvent event) {
        ConfigProvider.getConfig().getOptionalValue("quarkus.shutdown.timeout", String.class).ifPresent(timeout ->
                LOG.warnf("QUARKUS_SHUTDOWN_TIMEOUT (quarkus.shutdown.timeout=%s) is set: Quarkus' graceful HTTP "
                        + "shutdown cannot see a WebSocket call end, so every stop after a call waits %s and logs an "
                        + "ERROR; unset it, the drain (DRAIN_GRACE) already stops the calls gracefully", timeout,
                        timeout));
    }

    /**
     * SIGTERM: Quarkus' pre-shutdown phase ({@code quarkus.shutdown.delay-enabled}) fires this and waits for it, with
     * the HTTP server still serving: new upgrades are refused, readiness is DOWN, and the running calls go on until
     * they end or are disconnected. Quarkus' own graceful HTTP shutdown is off (it cannot see a WebSocket end).
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        awaitDrained();
    }

    /** At shutdown (before the sessions' timer and the backends stop), in case the pre-shutdown phase is off. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        awaitDrained();
    }

    /**
     * Drains and waits for it until the grace plus the disconnect timeout after the drain started, once in all (the
     * pre-shutdown phase and the shutdown both call this); on the shutdown thread only.
     */
    private void awaitDrained() {
        start();
        long left = giveUpAtNanos - System.nanoTime();
        if (drained.isDone() || left <= 0) {
            return;
        }
        try {
            drained.get(left, TimeUnit.NANOSECONDS);
            LOG.info("drained: no session left");
        } catch (TimeoutException e) {
            LOG.warnf("drain: %d session(s) still running, stopping anyway", sessions.active());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("drain failed", e);
        }
    }
}
