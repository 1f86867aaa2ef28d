package io.audiohook.connector.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.MediaOffer;
import io.audiohook.connector.protocol.ProtocolSession;
import io.audiohook.connector.protocol.ProtocolSettings;
import io.audiohook.connector.protocol.SessionCounters;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.protocol.Transport;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.call.CallSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
    WebSettings config;
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
    private Timer openToOpened;
    private final Map<Channel, Counter> receivedSeconds = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> droppedSeconds = new EnumMap<>(Channel.class);
    private volatile Runnable onIdle = () -> {
    };

    /** A session and the call it carries. */
    public record Live(ProtocolSession protocol, CallSession call, String correlationId, Instant started,
            Reported reported) {
        Live(ProtocolSession protocol, CallSession call, String correlationId, Instant started) {
            this(protocol, call, correlationId, started, new Reported());
        }

        /** The ids for the log lines of this session; the conversation id once {@code open} told it. */
        LogContext logContext() {
            return reported.logContext(this);
        }
    }

    /** What of a session's counters the meters already have, and its log ids. */
    static final class Reported {
        private long audioBytes;
        private long droppedBytes;
        private boolean openRecorded;
        private volatile LogContext logContext;

        LogContext logContext(Live live) {
            LogContext context = logContext;
            if (context == null || context.conversationId() == null) {
                String conversation = live.protocol().openParameters().map(o -> o.conversationId()).orElse(null);
                context = new LogContext(live.protocol().sessionId(), conversation, live.correlationId());
                logContext = context;
            }
            return context;
        }
    }

    void start(@Observes StartupEvent event) {
        meters.gauge("audiohook.sessions.active", active);
        droppedBytes = meters.counter("audiohook.audio.dropped.bytes");
        droppedFrames = meters.counter("audiohook.audio.dropped.frames");
        openToOpened = Timer.builder("audiohook.session.open.to.opened")
                .description("open received until opened handed to the transport").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        for (Channel channel : Channel.values()) {
            receivedSeconds.put(channel, Counter.builder("audiohook.audio.received.seconds").baseUnit("seconds")
                    .description("audio received from Genesys, per channel").tag("channel", channel.wireName())
                    .register(meters));
            droppedSeconds.put(channel, Counter.builder("audiohook.audio.dropped.seconds").baseUnit("seconds")
                    .description("audio received but dropped (paused, closing, bad frames), per channel")
                    .tag("channel", channel.wireName()).register(meters));
        }
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

    public Collection<Live> sessions() {
        return List.copyOf(sessions.values());
    }

    void opened(WebSocketConnection connection) {
        if (active.incrementAndGet() > config.maxSessions()) {
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
        Live live = new Live(protocol, call, correlationId, Instant.now());
        sessions.put(connection.id(), live);
        try (var scope = live.logContext().enter()) {
            LOG.infof("session %s: connected (correlation %s)", sessionId, correlationId);
        }
    }

    void text(WebSocketConnection connection, String text) {
        Live live = sessions.get(connection.id());
        if (live != null) {
            try (var scope = live.logContext().enter()) {
                live.protocol().onText(text, System.nanoTime());
                if (!live.reported().openRecorded) {
                    long nanos = live.protocol().openToOpenedNanos();
                    if (nanos >= 0) {
                        live.reported().openRecorded = true;
                        openToOpened.record(nanos, TimeUnit.NANOSECONDS);
                    }
                }
            }
        }
    }

    /** No log context here: audio frames log nothing at INFO, and the MDC would cost on every frame. */
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
            try (var scope = live.logContext().enter()) {
                live.protocol().onSocketClosed(System.nanoTime());
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (Live live : sessions.values()) {
            try (var scope = live.logContext().enter()) {
                live.protocol().onTick(now);
                reportAudio(live);
            } catch (RuntimeException e) {
                LOG.warnf(e, "session %s: timeout handling failed", live.protocol().sessionId());
            }
        }
    }

    /** Adds what the session received and dropped since the last report to the per-channel audio counters. */
    private void reportAudio(Live live) {
        Reported reported = live.reported();
        synchronized (reported) {
            MediaOffer media = live.protocol().media().orElse(null);
            if (media == null) {
                return;
            }
            SessionCounters counters = live.protocol().counters();
            long received = counters.audioBytes() - reported.audioBytes;
            long dropped = counters.droppedBytes() - reported.droppedBytes;
            reported.audioBytes = counters.audioBytes();
            reported.droppedBytes = counters.droppedBytes();
            double bytesPerSecond = (double) media.bytesPerSampleFrame() * media.rate();
            for (Channel channel : media.channels()) {
                if (received > 0) {
                    receivedSeconds.get(channel).increment(received / bytesPerSecond);
                }
                if (dropped > 0) {
                    droppedSeconds.get(channel).increment(dropped / bytesPerSecond);
                }
            }
        }
    }

    private void release(String connectionId, SessionEnd end) {
        Live live = sessions.remove(connectionId);
        if (live == null) {
            return;
        }
        int left = active.decrementAndGet();
        try (var scope = live.logContext().enter()) {
            reportAudio(live);
            SessionCounters counters = live.protocol().counters();
            if (counters.droppedFrames() > 0) {
                droppedFrames.increment(counters.droppedFrames());
                droppedBytes.increment(counters.droppedBytes());
            }
            meters.counter("audiohook.sessions.ended", "outcome", end.outcome().metricName(), "probe",
                    Boolean.toString(live.call().isProbe())).increment();
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
        for (Live live : sessions.values()) {
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
