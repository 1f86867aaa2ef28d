package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.RawWebSocket;
import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Connections that never become an AudioHook WebSocket are closed after the HTTP idle timeout (1 s here, 620 s in
 * production): silent ones, one that stopped in the middle of its request head, a refused upgrade's. A call on an
 * upgraded socket is not subject to it: it stays silent for longer and goes on, under the protocol's own timeouts.
 */
@QuarkusTest
@TestProfile(SmallInstance.class)
class IdleConnectionsTest extends ConnectorTest {
    static final Duration IDLE = SmallInstance.HTTP_IDLE_TIMEOUT;
    static final int SILENT = 50;

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeoutWhileACallGoesOn() throws Exception {
        AudioHookClient call = connect(call(endpoint));
        await(call.open());
        long opened = System.nanoTime();
        List<Socket> idle = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < SILENT; i++) {
                idle.add(new Socket(endpoint.getHost(), endpoint.getPort()));
            }
            Socket halfHead = new Socket(endpoint.getHost(), endpoint.getPort());
            idle.add(halfHead);
            halfHead.getOutputStream().write(("GET /audiohook/ws HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            RawWebSocket refused = RawWebSocket.connect(call(endpoint).signatureTweak(in -> in.corruptSignature(true)));
            assertEquals(401, refused.status(), refused.responseHead());

            for (Socket socket : idle) {
                long closedAfter = closedAfter(socket, started);
                assertTrue(closedAfter >= IDLE.toNanos() / 2, "closed after only " + closedAfter / 1_000_000 + " ms");
            }
            assertTrue(refused.droppedWithin(Duration.ofSeconds(5)), "the refused upgrade's connection is closed");
            refused.close();
            // silent for twice the HTTP idle timeout, within the protocol's (3 s in tests)
            TestCalls.sleep(Duration.ofNanos(Math.max(0, opened + 2 * IDLE.toNanos() - System.nanoTime())));
            long sent = System.nanoTime();
            await(call.sendPing());
            assertTrue(System.nanoTime() - sent < Duration.ofSeconds(1).toNanos());
            await(call.close("end"));
            call.awaitClose(TestCalls.WAIT);
            assertEquals(List.of("opened", "pong", "closed"), types(call));
            assertConformant(call);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    /** Nanoseconds from {@code started} until the server closed the socket (it sends nothing before). */
    private static long closedAfter(Socket socket, long started) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        try {
            int read = in.read();
            assertEquals(-1, read, "the server sent something to a connection that asked nothing");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open 5 s after the idle timeout of " + IDLE);
        } catch (IOException reset) {
            // closed too, abruptly
        }
        return System.nanoTime() - started;
    }
}
