package io.audiohook.connector.web;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.audiohook.connector.protocol.ProtocolSession;
import io.audiohook.connector.protocol.ProtocolSettings;
import io.audiohook.connector.protocol.SessionCounters;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.protocol.Transport;
import io.audiohook.connector.session.CallListenerFactory;
import io.audiohook.connector.session.CallSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 */
@ApplicationScoped
public class LiveSessions {
    private static final Logger LOG = Logger.getLogger(LiveSessions.class);
    private static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** Receive buffer for binary frames, one per event-loop thread. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal
            .withInitial(() -> new byte[ProtocolSettings.MAX_BINARY_BYTES]);

    @Inject
    Vertx vertx;
    @Inject
    ConnectorConfig config;
    @Inject
    ProtocolSettings settings;
    @Inject
    CallListenerFactory backend;
    @Inject
    MeterRegistry meters;

    private final Map<String, Live> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private long timer = -1;
    private Counter droppedBytes;
    private Counter droppedFrames;

    /** A session and the call it carries. */
    public record Live(ProtocolSession protocol, CallSession call, String correlationId, Instant started) {
    }

    void start(@Observes StartupEvent event) {
        meters.gauge("audiohook.sessions.active", active);
        droppedBytes = meters.counter("audiohook.audio.dropped.bytes");
        droppedFrames = meters.counter("audiohook.audio.dropped.frames");
        timer = vertx.setPeriodic(config.sessions().tick().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public boolean isFull() {
        return active.get() >= config.sessions().max();
    }

    public int active() {
        return active.get();
    }

    public Collection<Live> sessions() {
        return List.copyOf(sessions.values());
    }

    void opened(WebSocketConnection connection) {
        if (active.incrementAndGet() > config.sessions().max()) {
            // Two upgrades passed the capacity check at once; the later one goes.
            active.decrementAndGet();
            meters.counter("audiohook.upgrades.refused", "reason", "capacity").increment();
            connection.close(new CloseReason(CLOSE_TRY_AGAIN_LATER, "over capacity")).subscribe().with(v -> {
            }, e -> {
            });
            return;
        }
        HandshakeRequest handshake = connection.handshakeRequest();
        String sessionId = handshake.header(UpgradeGuard.SESSION_ID).trim();
        String organizationId = handshake.header(UpgradeGuard.ORGANIZATION_ID).trim();
        String correlationId = handshake.header(UpgradeGuard.CORRELATION_ID).trim();
        String connectionId = connection.id();
        CallSession call = new CallSession(sessionId, correlationId, backend, end -> release(connectionId, end));
        ProtocolSession protocol = new ProtocolSession(sessionId, organizationId, settings,
                new ConnectionTransport(connection), call, System.nanoTime());
        sessions.put(connection.id(), new Live(protocol, call, correlationId, Instant.now()));
        LOG.infof("session %s: connected (correlation %s)", sessionId, correlationId);
    }

    void text(WebSocketConnection connection, String text) {
        Live live = sessions.get(connection.id());
        if (live != null) {
            live.protocol().onText(text, System.nanoTime());
        }
    }

    void binary(WebSocketConnection connection, Buffer frame) {
        Live live = sessions.get(connection.id());
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

    void closed(WebSocketConnection connection) {
        Live live = sessions.get(connection.id());
        if (live != null) {
            live.protocol().onSocketClosed(System.nanoTime());
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (Live live : sessions.values()) {
            try {
                live.protocol().onTick(now);
            } catch (RuntimeException e) {
                LOG.warnf(e, "session %s: timeout handling failed", live.protocol().sessionId());
            }
        }
    }

    private void release(String connectionId, SessionEnd end) {
        Live live = sessions.remove(connectionId);
        if (live == null) {
            return;
        }
        active.decrementAndGet();
        SessionCounters counters = live.protocol().counters();
        if (counters.droppedFrames() > 0) {
            droppedFrames.increment(counters.droppedFrames());
            droppedBytes.increment(counters.droppedBytes());
        }
        meters.counter("audiohook.sessions.ended", "outcome", end.outcome().metricName(), "probe",
                Boolean.toString(live.call().isProbe())).increment();
    }

    /** Sends never wait: Vert.x queues writes in call order, which keeps {@code seq} in order on the wire. */
    private record ConnectionTransport(WebSocketConnection connection) implements Transport {
        @Override
        public void sendText(String text) {
            connection.sendText(text).subscribe().with(v -> {
            }, e -> LOG.debugf("send on closed connection %s dropped", connection.id()));
        }

        @Override
        public void close(int code, String reason) {
            connection.close(new CloseReason(code, reason)).subscribe().with(v -> {
            }, e -> {
            });
        }
    }
}
