package io.audiohook.connector.web;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.call.CallMode;
import io.audiohook.connector.call.LanguageSupport;
import io.audiohook.connector.call.CallSession;
import io.audiohook.connector.log.TraceContext;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.ProtocolSession;
import io.audiohook.connector.protocol.ProtocolSettings;
import io.audiohook.connector.protocol.ProtocolViolation;
import io.audiohook.connector.protocol.SessionEnd;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The sessions of this instance, keyed by connection. Frames go straight from the socket's event loop to
 * the session; one periodic timer drives every session's timeouts, so there is no timer or thread per call.
 * The meters are {@link SessionMeters}'; the wire is {@link ConnectionTransport}'.
 */
@ApplicationScoped
public class LiveSessions {
    private static final Logger LOG = Logger.getLogger(LiveSessions.class);
    private static final int CLOSE_TRY_AGAIN_LATER = 1013;
    private static final int CLOSE_MESSAGE_TOO_BIG = 1009;
    private static final int CLOSE_INTERNAL_ERROR = 1011;
    private static final int CLOSE_NOT_UTF8 = 1007;
    /** Receive buffer for binary frames, one per event-loop thread. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal
            .withInitial(() -> new byte[ProtocolSettings.MAX_BINARY_BYTES]);

    @Inject
    Vertx vertx;
    @Inject
    WebSettings config;
    @Inject
    ProtocolSettings settings;
    @Inject
    CallListenerFactory backend;
    @Inject
    MeterRegistry registry;
    @Inject
    LanguageSupport languages;

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private SessionMeters meters;
    private long timer = -1;
    private volatile Runnable onIdle = () -> {
    };

    void start(@Observes StartupEvent event) {
        meters = new SessionMeters(registry, active);
        timer = vertx.setPeriodic(config.tick().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public boolean isFull() {
        return active.get() >= config.maxSessions();
    }

    public int active() {
        return active.get();
    }

    public Collection<LiveSession> sessions() {
        return List.copyOf(sessions.values());
    }

    void opened(WebSocketConnection connection) {
        if (active.incrementAndGet() > config.maxSessions()) {
            // Two upgrades passed the capacity check at once; the later one goes.
            active.decrementAndGet();
            meters.refusedForCapacity();
            connection.close(new CloseReason(CLOSE_TRY_AGAIN_LATER, "over capacity")).subscribe().with(v -> {
            }, e -> {
            });
            return;
        }
        HandshakeRequest handshake = connection.handshakeRequest();
        String sessionId = handshake.header(UpgradeGuard.SESSION_ID).trim();
        String organizationId = handshake.header(UpgradeGuard.ORGANIZATION_ID).trim();
        String correlationId = handshake.header(UpgradeGuard.CORRELATION_ID).trim();
        // Cloud Run's trace of the upgrade request, so every line of the call sits under it in Cloud Logging
        TraceContext trace = TraceContext.parse(handshake.header(TraceContext.X_CLOUD_TRACE_CONTEXT),
                handshake.header(TraceContext.TRACEPARENT))
                .map(t -> t.inProject(config.traceProject().orElse(null))).orElse(null);
        String connectionId = connection.id();
        CallMode mode = TranscriptionEndpoint.PATH.equals(handshake.path()) ? CallMode.TRANSCRIPTION : CallMode.MONITOR;
        CallSession call = new CallSession(sessionId, correlationId, trace, backend, config.allowedProfiles(), mode,
                languages, end -> release(connectionId, end));
        ProtocolSession protocol = new ProtocolSession(sessionId, organizationId, settings,
                new ConnectionTransport(connection), call, System.nanoTime());
        LiveSession live = new LiveSession(protocol, call, correlationId, trace, Instant.now());
        sessions.put(connection.id(), live);
        try (var scope = live.logContext().enter()) {
            LOG.infof("session %s: connected (correlation %s)", sessionId, correlationId);
        }
    }

    void text(WebSocketConnection connection, String text) {
        LiveSession live = sessions.get(connection.id());
        if (live != null) {
            try (var scope = live.logContext().enter()) {
                live.protocol().onText(text, System.nanoTime());
                meters.openAnswered(live);
            }
        }
    }

    /** No log context here: audio frames log nothing at INFO, and the MDC would cost on every frame. */
    void binary(WebSocketConnection connection, Buffer frame) {
        LiveSession live = sessions.get(connection.id());
        if (live != null) {
            int length = frame.length();
            byte[] bytes;
            if (length <= ProtocolSettings.MAX_BINARY_BYTES) {
                // The session copies what it keeps before onBinary returns (SessionHandler.audio), so one array per
                // event-loop thread serves every frame: no allocation per frame.
                bytes = SCRATCH.get();
                frame.getBytes(0, length, bytes, 0);
            } else {
                bytes = frame.getBytes(); // refused as too large anyway
            }
            live.protocol().onBinary(bytes, 0, length, System.nanoTime());
        }
    }

    /**
     * The connection failed under a message: one too large for the message buffer gets {@code disconnect} (error,
     * too large) and then a 1009 close (what is left of the message cannot be read, so no close transaction is
     * waited for); any other failure closes with 1011, as the framework would.
     */
    void failed(WebSocketConnection connection, IllegalStateException failure) {
        if (String.valueOf(failure.getMessage()).contains("max message size")) {
            violated(connection, ProtocolViolation.TOO_LARGE, new CloseReason(CLOSE_MESSAGE_TOO_BIG, "message too large"));
            return;
        }
        LiveSession live = sessions.get(connection.id());
        if (live != null) {
            try (var scope = live.logContext().enter()) {
                LOG.warnf(failure, "session %s: the connection failed; closing it with 1011",
                        live.protocol().sessionId());
            }
        }
        close(connection, new CloseReason(CLOSE_INTERNAL_ERROR, "internal error"));
    }

    /**
     * A frame the WebSocket refused ({@link FrameGuard}): over the frame limit, broken framing, not UTF-8, one ping
     * or message too many. The session says so in {@code disconnect} (error) where it still may, and the socket closes with the
     * WebSocket's code for it (1009, 1002, 1007, 1008): the decoder reads nothing more, so no close transaction is
     * waited for.
     */
    void refused(WebSocketConnection connection, CorruptedWebSocketFrameException failure) {
        WebSocketCloseStatus status = failure.closeStatus();
        String info = ClientFlood.info(failure).orElseGet(() -> switch (status.code()) {
            case CLOSE_MESSAGE_TOO_BIG -> ProtocolViolation.FRAME_TOO_LARGE;
            case CLOSE_NOT_UTF8 -> ProtocolViolation.NOT_UTF8;
            default -> ProtocolViolation.BAD_FRAMING;
        });
        violated(connection, info, new CloseReason(status.code(), status.reasonText()));
    }

    private void violated(WebSocketConnection connection, String info, CloseReason reason) {
        LiveSession live = sessions.get(connection.id());
        if (live != null) {
            try (var scope = live.logContext().enter()) {
                LOG.infof("session %s: protocol violation: %s; closing with %d", live.protocol().sessionId(), info,
                        reason.getCode());
                live.protocol().disconnect(DisconnectReason.ERROR, Optional.of(info));
            }
        }
        close(connection, reason);
    }

    private static void close(WebSocketConnection connection, CloseReason reason) {
        if (connection.isClosed()) {
            return;
        }
        connection.close(reason).subscribe().with(v -> {
        }, f -> LOG.debugf("close after a failure: %s", f.toString()));
    }

    void lost(WebSocketConnection connection, IOException failure) {
        LiveSession live = sessions.get(connection.id());
        if (live != null) {
            try (var scope = live.logContext().enter()) {
                LOG.debugf("session %s: the connection broke: %s", live.protocol().sessionId(), failure.toString());
            }
        }
    }

    void closed(WebSocketConnection connection) {
        LiveSession live = sessions.get(connection.id());
        if (live != null) {
            try (var scope = live.logContext().enter()) {
                live.protocol().onSocketClosed(System.nanoTime());
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (LiveSession live : sessions.values()) {
            try (var scope = live.logContext().enter()) {
                live.protocol().onTick(now);
                meters.reportAudio(live);
            } catch (RuntimeException e) {
                LOG.warnf(e, "session %s: timeout handling failed", live.protocol().sessionId());
            }
        }
    }

    private void release(String connectionId, SessionEnd end) {
        LiveSession live = sessions.remove(connectionId);
        if (live == null) {
            return;
        }
        int left = active.decrementAndGet();
        try (var scope = live.logContext().enter()) {
            meters.ended(live, end);
        }
        if (left <= 0) {
            onIdle.run();
        }
    }

    /** Run whenever the last live session ended (the drain waits with it). */
    public void onIdle(Runnable action) {
        onIdle = action;
    }

    /** Ends every live session from the server side with {@code disconnect}; the client then closes. */
    public int disconnectAll(DisconnectReason reason, Optional<String> info) {
        int n = 0;
        for (LiveSession live : sessions.values()) {
            try (var scope = live.logContext().enter()) {
                if (live.protocol().disconnect(reason, info)) {
                    n++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "session %s: disconnect failed", live.protocol().sessionId());
            }
        }
        return n;
    }
}
