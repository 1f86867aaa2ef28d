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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.CloseInfo;
import io.audiohook.connector.client.MediaFormat;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.ProtocolViolation;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.call.CallRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * A client that breaks the protocol gets one {@code disconnect error} with the documented {@code info}, and
 * its close transaction after it still works; tolerated oddities (unknown types) do not end
 * the call; and a misbehaving session leaves the others alone.
 */
@QuarkusTest
class ProtocolErrorTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);


    @Inject
    LiveSessions sessions;

    @Inject
    CallRecorder recorder;

    @Test
    void malformedJson() {
        AudioHookClient client = opened();
        await(client.sendRaw("{\"version\":\"2\",\"type\":\"ping\",\"seq\":"));
        assertDisconnectedWithError(client, ProtocolViolation.NOT_JSON);
    }

    @Test
    void messageWithoutParameters() {
        AudioHookClient client = opened();
        ObjectNode ping = client.message("ping", client.clientSeq() + 1, null);
        ping.remove("parameters");
        await(client.sendRaw(ping.toString()));
        assertDisconnectedWithError(client, ProtocolViolation.MALFORMED);
    }

    @Test
    void seqGap() {
        AudioHookClient client = opened();
        client.skipSeq(); // seq 2 is "lost"
        client.send("ping", null); // seq 3
        assertDisconnectedWithError(client, ProtocolViolation.BAD_SEQ);
        // the client's close (seq 4) continued the client's own numbering and was understood
        assertEquals(4, client.messagesOfType("closed").get(0).clientseq());
    }

    @Test
    void serverseqAheadOfTheServer() {
        AudioHookClient client = opened();
        long seq = client.skipSeq();
        ObjectNode ping = client.message("ping", seq, null);
        ping.put("serverseq", client.lastServerSeq() + 5);
        await(client.sendRaw(ping.toString()));
        assertDisconnectedWithError(client, ProtocolViolation.BAD_SERVERSEQ);
    }

    @Test
    void sessionIdMismatch() {
        AudioHookClient client = opened();
        long seq = client.skipSeq();
        ObjectNode ping = client.message("ping", seq, null);
        ping.put("id", UUID.randomUUID().toString());
        await(client.sendRaw(ping.toString()));
        assertDisconnectedWithError(client, ProtocolViolation.ID_MISMATCH);
    }

    @Test
    void textMessageOf70000Characters() {
        AudioHookClient client = opened();
        ObjectNode parameters = ping().put("padding", "x".repeat(70_000));
        String text = client.message("ping", client.clientSeq() + 1, parameters).toString();
        assertTrue(text.length() > 70_000 && text.length() < 131_072, "over 64K, within the frame limit: " + text.length());
        await(client.sendRaw(text));
        assertDisconnectedWithError(client, ProtocolViolation.TOO_LARGE);
    }

    /** Beyond the WebSocket's message buffer (128 KiB, in 16 KiB frames as the JDK's client sends them). */
    @Test
    void textMessageBeyondTheMessageBufferGetsADisconnectAnd1009() {
        AudioHookClient client = opened();
        ObjectNode parameters = ping().put("padding", "x".repeat(200_000));
        await(client.sendRaw(client.message("ping", client.clientSeq() + 1, parameters).toString()));
        CloseInfo close = client.awaitClose(WAIT);
        assertEquals(1009, close.statusCode(), close.toString());
        Received disconnect = client.awaitMessage("disconnect", WAIT);
        assertEquals("error", disconnect.parameters().path("reason").asText(), disconnect.json());
        assertEquals(ProtocolViolation.TOO_LARGE, disconnect.parameters().path("info").asText(), disconnect.json());
    }

    @Test
    void oddSizedFrameOnAStereoPcmuSession() {
        AudioHookClient client = opened();
        assertEquals(MediaFormat.pcmu(MediaFormat.EXTERNAL, MediaFormat.INTERNAL), client.selectedMedia());
        await(client.sendRawBinary(new byte[3201]));
        assertDisconnectedWithError(client, ProtocolViolation.BAD_AUDIO_FRAME);
    }

    @Test
    void openWithOnlyAnUnsupportedFormat() {
        MediaFormat opus = new MediaFormat("audio", "OPUS", List.of(MediaFormat.EXTERNAL, MediaFormat.INTERNAL), 8000);
        AudioHookClient client = connect(call(endpoint).media(opus));
        client.open();
        assertDisconnectedWithError(client, ProtocolViolation.NO_MEDIA);
        assertEquals(List.of("disconnect", "closed"), types(client));
        assertTrue(recorder.call(client.config().sessionId()).isEmpty(), "no media, no call");
    }

    /** No client streams before it has opened the session: the reference server's answer, disconnect error. */
    @Test
    void audioBeforeOpenIsAProtocolError() {
        AudioHookClient client = connect(call(endpoint));
        await(client.sendRawBinary(new byte[3200]));
        assertDisconnectedWithError(client, ProtocolViolation.AUDIO_BEFORE_OPEN);
        assertEquals(List.of("disconnect", "closed"), types(client));
        assertTrue(recorder.call(client.config().sessionId()).isEmpty(), "never opened, no call");
    }

    // ---------------------------------------------------------------- tolerated

    @Test
    void unknownMessageTypeIsIgnored() {
        AudioHookClient client = opened();
        client.send("dtmf", ping().put("digit", "5"));
        long pingSeq = client.clientSeq() + 1;
        Received pong = await(client.sendPing());
        assertEquals(pingSeq, pong.clientseq());
        assertEquals(1, live(client).protocol().counters().ignoredMessages());
        await(client.close("end"));
        client.awaitClose(WAIT);
        assertEquals(List.of("opened", "pong", "closed"), types(client));
        assertConformant(client);
    }

    @Test
    void aMisbehavingSessionDoesNotAffectAnother() {
        WavAudioSource.Wav wav = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
        AudioHookClient healthy = opened();
        AudioHookClient bad = opened();

        CompletableFuture<Void> streaming = healthy.streamAudio(wav.newSource(), Duration.ofMillis(200), false);
        // Three faults queued back to back; the later ones may reach a session already disconnecting or closed
        // (or a socket already gone, so their sends are not awaited).
        bad.sendRaw("not json at all");
        bad.sendRawBinary(new byte[3201]);
        bad.sendRaw("[]");
        assertDisconnectedWithError(bad, ProtocolViolation.NOT_JSON);
        assertEquals(1, bad.messagesOfType("disconnect").size(), "one disconnect, however many faults");

        await(streaming);
        long pingSeq = healthy.clientSeq() + 1;
        assertEquals(pingSeq, await(healthy.sendPing()).clientseq());
        await(healthy.close("end"));
        healthy.awaitClose(WAIT);
        assertEquals(List.of("opened", "pong", "closed"), types(healthy));
        assertConformant(healthy);
        CallRecorder.CallRecord record = recorder.call(healthy.config().sessionId()).orElseThrow();
        assertEquals(TestCalls.channelChecksum(wav, 0), record.checksum(0));
        assertEquals(TestCalls.channelChecksum(wav, 1), record.checksum(1));
        TestCalls.eventually(() -> record.end().isPresent());
        assertTrue(record.end().orElseThrow().isEndOfConversation());
    }

    // ---------------------------------------------------------------- helpers

    private AudioHookClient opened() {
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        return client;
    }

    private static ObjectNode ping() {
        return io.audiohook.connector.protocol.ClientMessageCodec.mapper().createObjectNode();
    }

    private LiveSession live(AudioHookClient client) {
        String id = client.config().sessionId();
        return sessions.sessions().stream().filter(l -> l.protocol().sessionId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no live session " + id));
    }

    /** disconnect(error, info), the client's close, closed as the last message, and the socket gone. */
    private void assertDisconnectedWithError(AudioHookClient client, String info) {
        Received disconnect = client.awaitMessage("disconnect", WAIT);
        assertEquals("error", disconnect.parameters().path("reason").asText(), disconnect.json());
        assertEquals(info, disconnect.parameters().path("info").asText(), disconnect.json());
        client.awaitMessage("closed", WAIT);
        client.awaitClose(WAIT);
        List<String> types = types(client);
        assertEquals("closed", types.get(types.size() - 1), "closed is the last message: " + types);
        assertEquals(1, types.stream().filter("disconnect"::equals).count(), types.toString());
        assertConformant(client);
        recorder.call(client.config().sessionId()).ifPresent(record -> {
            TestCalls.eventually(() -> record.end().isPresent());
            SessionEnd end = record.end().orElseThrow();
            assertEquals(SessionEnd.Outcome.DISCONNECTED, end.outcome());
            assertEquals(DisconnectReason.ERROR, end.disconnectReason().orElseThrow());
            assertEquals(info, end.info().orElseThrow());
        });
    }
}
