package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.app.ProtocolConfig;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.CloseInfo;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.call.CallRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * The server's own timeouts, with the %test profile's short values (open 2 s, idle 3 s, disconnect 2 s, checked
 * every 200 ms). Lower bounds leave a margin below the configured value; upper bounds are generous, since only
 * "it does end" matters, not how promptly on a busy machine.
 */
@QuarkusTest
class TimeoutTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);


    @Inject
    LiveSessions sessions;

    @Inject
    CallRecorder recorder;

    @Inject
    ProtocolConfig config;

    @Test
    void socketThatNeverOpensIsClosedAfterTheOpenTimeout() {
        assertEquals(Duration.ofSeconds(2), config.openTimeout());
        AudioHookClient client = connect(call(endpoint));
        long connected = System.nanoTime();
        CloseInfo close = client.awaitClose(WAIT);
        long elapsed = System.nanoTime() - connected;
        assertTrue(elapsed >= Duration.ofMillis(1500).toNanos(), "closed too early: " + millis(elapsed) + " ms");
        assertTrue(elapsed <= Duration.ofSeconds(6).toNanos(), "closed too late: " + millis(elapsed) + " ms");
        assertEquals(1008, close.statusCode(), "policy violation: " + close);
        assertEquals(List.of(), types(client), "nothing is sent to a socket that never opened");
        assertTrue(recorder.call(client.config().sessionId()).isEmpty());
        TestCalls.eventually(() -> sessions.sessions().stream()
                .noneMatch(l -> l.protocol().sessionId().equals(client.config().sessionId())));
        assertConformant(client);
    }

    @Test
    void idleSessionIsDisconnectedAndTheCloseTransactionFollows() {
        assertEquals(Duration.ofSeconds(3), config.idleTimeout());
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        long opened = System.nanoTime();
        Received disconnect = client.awaitMessage("disconnect", WAIT);
        long idle = disconnect.nanoTime() - opened;
        assertTrue(idle >= Duration.ofMillis(2500).toNanos(), "disconnected after only " + millis(idle) + " ms");
        assertEquals("error", disconnect.parameters().path("reason").asText());
        assertEquals("Session idle timeout", disconnect.parameters().path("info").asText());
        client.awaitMessage("closed", WAIT);
        client.awaitClose(WAIT);
        assertEquals(List.of("opened", "disconnect", "closed"), types(client));
        assertConformant(client);

        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        TestCalls.eventually(() -> record.end().isPresent());
        SessionEnd end = record.end().orElseThrow();
        assertEquals(SessionEnd.Outcome.DISCONNECTED, end.outcome());
        assertEquals("disconnect", end.closeReason().orElseThrow());
    }

    @Test
    void unansweredDisconnectEndsTheSocketAfterTheDisconnectTimeout() {
        assertEquals(Duration.ofSeconds(2), config.disconnectTimeout());
        AudioHookClient client = connect(call(endpoint).autoRespond(false));
        await(client.open());
        Received disconnect = client.awaitMessage("disconnect", WAIT);
        assertEquals("Session idle timeout", disconnect.parameters().path("info").asText());
        CloseInfo close = client.awaitClose(WAIT);
        long waited = System.nanoTime() - disconnect.nanoTime();
        assertTrue(waited >= Duration.ofMillis(1500).toNanos(), "socket closed " + millis(waited) + " ms after disconnect");
        assertTrue(waited <= Duration.ofSeconds(6).toNanos(), "socket closed " + millis(waited) + " ms after disconnect");
        assertEquals(1000, close.statusCode(), close.toString());
        assertEquals(List.of("opened", "disconnect"), types(client));
        assertConformant(client);

        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        TestCalls.eventually(() -> record.end().isPresent());
        SessionEnd end = record.end().orElseThrow();
        assertEquals(SessionEnd.Outcome.DISCONNECTED, end.outcome());
        assertTrue(end.closeReason().isEmpty(), "the client never closed");
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
