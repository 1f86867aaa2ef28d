package io.audiohook.connector.web;

import static io.audiohook.connector.client.RawWebSocket.BINARY;
import static io.audiohook.connector.client.RawWebSocket.CLOSE;
import static io.audiohook.connector.client.RawWebSocket.CONTINUATION;
import static io.audiohook.connector.client.RawWebSocket.END_OF_STREAM;
import static io.audiohook.connector.client.RawWebSocket.PING;
import static io.audiohook.connector.client.RawWebSocket.PONG;
import static io.audiohook.connector.client.RawWebSocket.TEXT;
import static io.audiohook.connector.testkit.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.audiohook.connector.call.CallRecorder;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.RawWebSocket;
import io.audiohook.connector.client.RawWebSocket.Frame;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.ProtocolViolation;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the WebSocket layer refuses gets an answer, never a silently dropped connection: {@code disconnect} (error,
 * with an info) where the session may still send it, then the close code for the fault, and the TCP connection
 * closed at once. Frames are written by {@link RawWebSocket}, since the JDK's client cannot produce them.
 */
@QuarkusTest
class HostileFramesTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CallRecorder recorder;

    @Inject
    LiveSessions sessions;

    @Test
    void textFrameOverTheFrameLimitGetsADisconnectAnd1009() throws IOException {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = opened(config)) {
            ws.send(true, TEXT, "x".repeat(70_000).getBytes(StandardCharsets.US_ASCII));
            assertFailed(ws, ProtocolViolation.FRAME_TOO_LARGE, 1009);
        }
        assertEnded(config, ProtocolViolation.FRAME_TOO_LARGE);
    }

    @Test
    void binaryFrameOverTheFrameLimitGetsADisconnectAnd1009() throws IOException {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = opened(config)) {
            ws.send(true, BINARY, new byte[65_537]);
            assertFailed(ws, ProtocolViolation.FRAME_TOO_LARGE, 1009);
        }
        assertEnded(config, ProtocolViolation.FRAME_TOO_LARGE);
    }

    /** Refused on its header: the 2 GiB it announces are never buffered, before open as after. */
    @Test
    void frameHeaderAnnouncing2GiBBeforeOpenGets1009() throws IOException {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = RawWebSocket.connect(config)) {
            ws.sendFrame(true, BINARY, true, 1L << 31, new byte[1024]);
            assertFailed(ws, ProtocolViolation.FRAME_TOO_LARGE, 1009);
        }
        TestCalls.eventually(() -> sessions.sessions().stream()
                .noneMatch(l -> l.protocol().sessionId().equals(config.sessionId())));
    }

    /** Messages in several frames, with a control frame between two of them, as RFC 6455 allows. */
    @Test
    void fragmentedMessagesWithinTheLimitWork() throws IOException {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = RawWebSocket.connect(config)) {
            sendInFragments(ws, AudioHookClient.openMessage(config), 3, false);
            assertEquals("opened", type(ws.next(WAIT)));
            sendInFragments(ws, message(config, "ping", 2, "{}"), 2, true);
            Frame pong = ws.next(WAIT);
            assertEquals(PONG, pong.opcode(), "the WebSocket ping between the fragments: " + pong);
            assertEquals("pong", type(ws.next(WAIT)));
            sendInFragments(ws, message(config, "close", 3, "{\"reason\":\"end\"}"), 4, false);
            assertEquals("closed", type(ws.next(WAIT)));
        }
        CallRecorder.CallRecord record = recorder.call(config.sessionId()).orElseThrow();
        TestCalls.eventually(() -> record.end().isPresent());
        assertEquals(SessionEnd.Outcome.CLOSED, record.end().orElseThrow().outcome());
    }

    @Test
    void dataFrameInsideAFragmentedMessageGets1002() throws IOException {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = opened(config)) {
            ws.send(false, TEXT, "{\"version\":".getBytes(StandardCharsets.US_ASCII));
            ws.send(true, TEXT, "{}".getBytes(StandardCharsets.US_ASCII));
            assertFailed(ws, ProtocolViolation.BAD_FRAMING, 1002);
        }
        assertEnded(config, ProtocolViolation.BAD_FRAMING);
    }

    @Test
    void continuationWithoutAStartGets1002() throws IOException {
        SessionConfig config = call(endpoint);
        try (RawWebSocket ws = opened(config)) {
            ws.send(true, CONTINUATION, "{}".getBytes(StandardCharsets.US_ASCII));
            assertFailed(ws, ProtocolViolation.BAD_FRAMING, 1002);
        }
        assertEnded(config, ProtocolViolation.BAD_FRAMING);
    }

    /** In one frame, and split between two fragments (0xC3 0x28 is no character). */
    @Test
    void textThatIsNotUtf8Gets1007() throws IOException {
        SessionConfig whole = call(endpoint);
        try (RawWebSocket ws = opened(whole)) {
            ws.send(true, TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertFailed(ws, ProtocolViolation.NOT_UTF8, 1007);
        }
        assertEnded(whole, ProtocolViolation.NOT_UTF8);
        SessionConfig split = call(endpoint);
        try (RawWebSocket ws = opened(split)) {
            ws.send(false, TEXT, new byte[] {'{', '"', (byte) 0xC3});
            ws.send(true, CONTINUATION, new byte[] {(byte) 0x28, '"', '}'});
            assertFailed(ws, ProtocolViolation.NOT_UTF8, 1007);
        }
        assertEnded(split, ProtocolViolation.NOT_UTF8);
    }

    // ---------------------------------------------------------------- helpers

    /** Upgraded and opened: the next frame is whatever follows {@code opened}. */
    static RawWebSocket opened(SessionConfig config) throws IOException {
        RawWebSocket ws = RawWebSocket.connect(config);
        assertEquals(101, ws.status(), ws.responseHead());
        ws.sendText(AudioHookClient.openMessage(config));
        assertEquals("opened", type(ws.next(WAIT)));
        return ws;
    }

    /** disconnect (error, info), the close frame with the code, and the TCP connection closed right after it. */
    static void assertFailed(RawWebSocket ws, String info, int code) {
        List<Frame> frames = ws.untilClosed(WAIT);
        assertEquals(2, frames.size(), "disconnect, then close: " + frames);
        JsonNode disconnect = json(frames.get(0));
        assertEquals("disconnect", disconnect.path("type").asText(), disconnect.toString());
        assertEquals("error", disconnect.path("parameters").path("reason").asText(), disconnect.toString());
        assertEquals(info, disconnect.path("parameters").path("info").asText(), disconnect.toString());
        Frame close = frames.get(1);
        assertEquals(CLOSE, close.opcode(), close.toString());
        assertEquals(code, close.closeCode(), close.toString());
        Frame after = ws.next(Duration.ofSeconds(3));
        assertTrue(after != null && after.opcode() == END_OF_STREAM, "the connection closes after it: " + after);
    }

    /** The session ended as disconnected with the violation, without waiting for a close transaction. */
    void assertEnded(SessionConfig config, String info) {
        CallRecorder.CallRecord record = recorder.call(config.sessionId()).orElseThrow();
        TestCalls.eventually(() -> record.end().isPresent());
        SessionEnd end = record.end().orElseThrow();
        assertEquals(SessionEnd.Outcome.DISCONNECTED, end.outcome(), end.toString());
        assertEquals(DisconnectReason.ERROR, end.disconnectReason().orElseThrow());
        assertEquals(info, end.info().orElseThrow());
    }

    /** The message in {@code parts} frames; with {@code pingBetween}, a WebSocket ping after the first. */
    private static void sendInFragments(RawWebSocket ws, String message, int parts, boolean pingBetween)
            throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int step = bytes.length / parts;
        for (int i = 0; i < parts; i++) {
            int end = i == parts - 1 ? bytes.length : (i + 1) * step;
            ws.send(i == parts - 1, i == 0 ? TEXT : CONTINUATION, Arrays.copyOfRange(bytes, i * step, end));
            if (pingBetween && i == 0) {
                ws.send(true, PING, new byte[] {1, 2, 3});
            }
        }
    }

    static String message(SessionConfig config, String type, long seq, String parameters) {
        return "{\"version\":\"2\",\"id\":\"" + config.sessionId() + "\",\"type\":\"" + type + "\",\"seq\":" + seq
                + ",\"serverseq\":1,\"position\":\"PT0S\",\"parameters\":" + parameters + "}";
    }

    static String type(Frame frame) {
        return json(frame).path("type").asText();
    }

    static JsonNode json(Frame frame) {
        assertTrue(frame != null && frame.opcode() == TEXT, "a text frame: " + frame);
        try {
            return JSON.readTree(frame.text());
        } catch (IOException e) {
            throw new AssertionError(frame.text(), e);
        }
    }
}
