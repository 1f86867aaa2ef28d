package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.eventually;
import static io.audiohook.connector.testkit.TestCalls.probe;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.MediaFormat;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.call.CallRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/** Whole sessions through a real WebSocket, checked from both ends: what the client saw and what the backend got. */
@QuarkusTest
class AudioHookSessionTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);


    @TestHTTPResource("/connect")
    URI googlePath;

    @Inject
    CallRecorder recorder;

    @Test
    void probeIsAnsweredAndCreatesNoCall() {
        AudioHookClient client = connect(probe(endpoint));
        Received opened = await(client.open());
        assertEquals("[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000}]",
                opened.parameters().get("media").toString());
        assertFalse(opened.parameters().get("startPaused").asBoolean());
        await(client.close("end"));
        client.awaitClose(WAIT);
        assertEquals(List.of("opened", "closed"), types(client));
        assertTrue(recorder.call(client.config().sessionId()).isEmpty(), "a probe reaches no backend");
        assertConformant(client);
    }

    @Test
    void stereoSpeechIsSplitByTheNegotiatedChannelOrder() {
        WavAudioSource.Wav wav = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        await(client.streamAudio(wav.newSource(), Duration.ofMillis(200), false));
        await(client.close("end"));
        client.awaitClose(WAIT);
        assertConformant(client);

        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        assertEquals(List.of(Channel.EXTERNAL, Channel.INTERNAL), record.info().media().channels());
        long perChannel = wav.data().length / 2;
        assertEquals(perChannel, record.bytes(0));
        assertEquals(perChannel, record.bytes(1));
        assertEquals(TestCalls.channelChecksum(wav, 0), record.checksum(0), "external slot");
        assertEquals(TestCalls.channelChecksum(wav, 1), record.checksum(1), "internal slot");
        assertEquals(0, record.firstPosition(0));
        eventually(() -> record.end().isPresent());
        assertTrue(record.end().orElseThrow().isEndOfConversation());
        assertEquals(List.of("closing end", "ended closed end"), record.events());
    }

    @Test
    void invertedOfferIsEchoedAndFollowed() {
        WavAudioSource.Wav wav = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
        AudioHookClient client = connect(call(endpoint)
                .media(MediaFormat.pcmu(MediaFormat.INTERNAL, MediaFormat.EXTERNAL)));
        Received opened = await(client.open());
        assertEquals("[\"internal\",\"external\"]", opened.parameters().get("media").get(0).get("channels").toString());
        await(client.streamAudio(wav.newSource(), Duration.ofMillis(200), false));
        await(client.close("end"));
        assertConformant(client);

        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        assertEquals(List.of(Channel.INTERNAL, Channel.EXTERNAL), record.info().media().channels());
        // slot 0 of the wire is the internal party in this session
        assertEquals(TestCalls.channelChecksum(wav, 0), record.checksum(0));
        assertEquals(TestCalls.channelChecksum(wav, 1), record.checksum(1));
    }

    @Test
    void monoOfferIsAccepted() {
        AudioHookClient client = connect(call(endpoint).media(MediaFormat.pcmu(MediaFormat.EXTERNAL)));
        Received opened = await(client.open());
        assertEquals("[\"external\"]", opened.parameters().get("media").get(0).get("channels").toString());
        for (int i = 0; i < 5; i++) {
            await(client.sendAudio(new byte[1600]));
        }
        await(client.close("end"));
        assertConformant(client);
        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        assertEquals(8000, record.bytes(0));
        assertEquals(0, record.bytes(1));
    }

    @Test
    void googlesPathServesTheSameProtocol() {
        AudioHookClient client = connect(call(googlePath));
        await(client.open());
        await(client.sendPing());
        await(client.close("end"));
        assertEquals(List.of("opened", "pong", "closed"), types(client));
        assertConformant(client);
    }

    @Test
    void pongsCarryTheSequenceOfThePingTheyAnswer() {
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        for (int i = 0; i < 3; i++) {
            long pingSeq = client.clientSeq() + 1;
            Received pong = await(client.sendPing());
            assertEquals(pingSeq, pong.clientseq());
            assertEquals(i + 2, pong.seq());
        }
        await(client.close("end"));
        assertConformant(client);
    }

    @Test
    void pauseAndResumeWithADuplicatePaused() {
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        sendFrames(client, 5); // 1 s
        client.sendPaused();
        client.sendPaused();
        client.sendResumed(1_000_000_000L, 2_000_000_000L);
        sendFrames(client, 5);
        await(client.sendPing());
        await(client.close("end"));
        assertConformant(client);
        assertEquals(List.of("opened", "pong", "closed"), types(client));

        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        assertEquals(10 * 1600, record.bytes(0));
        List<String> events = record.events();
        assertEquals("paused@8000", events.get(0));
        // the two seconds the client skipped while paused move the stream position on: 1 s + 2 s
        assertEquals("resumed@24000", events.get(1));
        assertEquals(24000 + 4 * 1600, record.lastPosition());
    }

    @Test
    void syntheticDiscardedUpdateAndClientErrorKeepTheCallGoing() {
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        sendFrames(client, 5);
        client.sendDiscarded(1_000_000_000L, 400_000_000L);
        client.sendUpdate("es-US");
        client.sendError(400, "tough stuff");
        sendFrames(client, 5);
        await(client.close("error"));
        client.awaitClose(WAIT);
        assertEquals(List.of("opened", "closed"), types(client));
        assertConformant(client);

        CallRecorder.CallRecord record = recorder.call(client.config().sessionId()).orElseThrow();
        eventually(() -> record.end().isPresent());
        // the 0.4 s the client discarded after the first second are a gap on the timeline
        assertEquals(List.of("discarded 3200@11200", "language es-US@11200", "error 400", "closing error",
                "ended closed error"), record.events());
        assertFalse(record.end().orElseThrow().isEndOfConversation());
        assertEquals(10 * 1600, record.bytes(1));
    }

    @Test
    void nothingFollowsClosed() {
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        await(client.close("end"));
        client.sendRaw(client.message("ping", client.clientSeq() + 1, null).toString());
        client.awaitClose(WAIT);
        List<String> types = types(client);
        assertEquals("closed", types.get(types.size() - 1));
        assertConformant(client);
    }

    static void sendFrames(AudioHookClient client, int frames) {
        for (int i = 0; i < frames; i++) {
            await(client.sendAudio(new byte[3200]));
        }
    }

}
