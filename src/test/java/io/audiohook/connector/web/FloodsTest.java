package io.audiohook.connector.web;

import static io.audiohook.connector.client.RawWebSocket.PING;
import static io.audiohook.connector.client.RawWebSocket.PONG;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.call.CallRecorder;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.RawWebSocket;
import io.audiohook.connector.client.RawWebSocket.Frame;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.protocol.ProtocolViolation;
import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Floods cost the flooder, not the other calls: a ping flood is cut off with 1008 after a bounded number of pongs,
 * and a flood of upgrades with bad signatures is answered 401 each, with a bounded number of log lines, while a
 * normal call goes on and gets its answers in time.
 */
@QuarkusTest
class FloodsTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a normal call may wait for its pong while a flood goes on (it takes milliseconds alone). */
    static final Duration IN_TIME = Duration.ofSeconds(1);

    @Inject
    CallRecorder recorder;

    @Inject
    MeterRegistry meters;

    @Test
    void pingFloodIsClosedWith1008AndAnotherCallGoesOn() throws Exception {
        AudioHookClient healthy = connect(call(endpoint));
        await(healthy.open());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Frame>>> floods = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                floods.add(threads.submit(() -> flood(call(endpoint), 5_000)));
            }
            for (int i = 0; i < 5; i++) {
                await(healthy.sendAudio(new byte[3200]));
                long sent = System.nanoTime();
                healthy.sendPing().get(IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
                assertTrue(System.nanoTime() - sent < IN_TIME.toNanos());
            }
            for (Future<List<Frame>> flood : floods) {
                List<Frame> frames = flood.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                long pongs = frames.stream().filter(f -> f.opcode() == PONG).count();
                assertTrue(pongs >= FrameGuard.MAX_PINGS_PER_SECOND && pongs <= 2L * FrameGuard.MAX_PINGS_PER_SECOND,
                        "pongs: " + pongs);
                List<Frame> rest = frames.stream().filter(f -> f.opcode() != PONG).toList();
                assertEquals("disconnect", HostileFramesTest.type(rest.get(0)), rest.toString());
                assertEquals(ProtocolViolation.TOO_MANY_PINGS,
                        HostileFramesTest.json(rest.get(0)).path("parameters").path("info").asText());
                assertEquals(1008, rest.get(1).closeCode(), rest.toString());
            }
        } finally {
            threads.shutdownNow();
        }
        await(healthy.close("end"));
        healthy.awaitClose(WAIT);
        assertEquals(List.of("opened", "pong", "pong", "pong", "pong", "pong", "closed"), types(healthy));
        assertConformant(healthy);
        assertEquals(5 * 1600, recorder.call(healthy.config().sessionId()).orElseThrow().bytes(0));
    }

    @Test
    void badSignatureFloodIsRefusedEachTimeWithBoundedLogsAndACallGoesOn() throws Exception {
        int flood = 120;
        double refusedBefore = refused();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        try (LogCapture log = LogCapture.start()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                SessionConfig forged = call(endpoint).signatureTweak(in -> in.corruptSignature(true));
                statuses.add(threads.submit(() -> {
                    try (RawWebSocket ws = RawWebSocket.connect(forged)) {
                        return ws.status();
                    }
                }));
            }
            AudioHookClient healthy = connect(call(endpoint));
            await(healthy.open());
            long sent = System.nanoTime();
            await(healthy.sendPing());
            assertTrue(System.nanoTime() - sent < IN_TIME.toNanos(), "pong during the flood");
            for (Future<Integer> status : statuses) {
                assertEquals(401, status.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            await(healthy.close("end"));
            healthy.awaitClose(WAIT);
            assertConformant(healthy);
            assertEquals(refusedBefore + flood, refused(), "every refusal is counted");
            int lines = log.matching(Level.INFO, "upgrade refused").size();
            assertTrue(lines <= 2 * RefusalLog.LINES_PER_WINDOW, lines + " log lines for " + flood + " refusals");
        } finally {
            threads.shutdownNow();
        }
    }

    /** More messages at once than a connection lets wait: held, then served, every one and in order. */
    @Test
    void aBurstOfMessagesIsServedInOrder() throws Exception {
        SessionConfig config = call(endpoint);
        int pings = MessageBacklog.MAX_WAITING + MessageBacklog.MAX_HELD;
        try (RawWebSocket ws = HostileFramesTest.opened(config)) {
            for (int seq = 2; seq < pings + 2; seq++) {
                ws.sendText(HostileFramesTest.message(config, "ping", seq, "{}"));
            }
            for (int seq = 2; seq < pings + 2; seq++) {
                Frame pong = ws.next(WAIT);
                com.fasterxml.jackson.databind.JsonNode json = HostileFramesTest.json(pong);
                assertEquals("pong", json.path("type").asText(), json.toString());
                assertEquals(seq, json.path("clientseq").asInt(), json.toString());
            }
        }
    }

    /**
     * Tiny messages faster than the event loop serves them: reading pauses, and when a single read brings more than
     * the connection holds, it fails with 1008. (The first message, not a client message, got its disconnect.)
     */
    @Test
    void aFloodOfTinyMessagesIsClosedWith1008() throws Exception {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = HostileFramesTest.opened(config)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    ws.send(true, RawWebSocket.TEXT, new byte[] {'1'});
                }
            } catch (IOException closedByTheServer) {
                // expected
            }
            List<Frame> frames = ws.untilClosed(WAIT);
            Frame close = frames.get(frames.size() - 1);
            assertEquals(1008, close.closeCode(), frames.toString());
            assertEquals(ProtocolViolation.NOT_JSON,
                    HostileFramesTest.json(frames.get(0)).path("parameters").path("info").asText());
        }
    }

    /** It is answered until too much waits for it, then closed; a call meanwhile is answered in time. */
    @Test
    void aClientThatDoesNotReadIsClosedAndAnotherCallGoesOn() throws Exception {
        double closedBefore = counter("audiohook.connections.not.reading");
        AudioHookClient healthy = connect(call(endpoint));
        await(healthy.open());
        SessionConfig config = call(endpoint);
        long sent = 0;
        try (RawWebSocket ws = RawWebSocket.connectWithoutReading(config)) {
            ws.sendText(AudioHookClient.openMessage(config));
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                for (long seq = 2; System.nanoTime() < deadline; seq++) {
                    String ping = HostileFramesTest.message(config, "ping", seq, "{}");
                    ws.sendText(ping);
                    sent += ping.length();
                }
                throw new AssertionError("still open after " + sent + " bytes of pings");
            } catch (IOException closedByTheServer) {
                // expected
            }
        }
        assertEquals(closedBefore + 1, counter("audiohook.connections.not.reading"));
        long pinged = System.nanoTime();
        await(healthy.sendPing());
        assertTrue(System.nanoTime() - pinged < IN_TIME.toNanos());
        await(healthy.close("end"));
        healthy.awaitClose(WAIT);
        assertConformant(healthy);
        TestCalls.eventually(() -> recorder.call(config.sessionId()).flatMap(r -> r.end()).isPresent());
    }

    /** Pings as fast as the socket takes them, until the server cuts it off; what the server sent meanwhile. */
    private static List<Frame> flood(SessionConfig config, int pings) throws IOException {
        try (RawWebSocket ws = HostileFramesTest.opened(config)) {
            try {
                for (int i = 0; i < pings; i++) {
                    ws.send(true, PING, new byte[125]);
                }
            } catch (IOException closedByTheServer) {
                // expected: the connection is failed long before the last ping
            }
            return ws.untilClosed(WAIT);
        }
    }

    private double refused() {
        Counter counter = meters.find("audiohook.upgrades.refused").tag("reason", "failed").counter();
        return counter == null ? 0 : counter.count();
    }

    private double counter(String name) {
        Counter counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
