package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.SPEECH;
import static io.audiohook.connector.assist.AssistTesting.SPEECH_BYTES_PER_CHANNEL;
import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.eventually;
import static io.audiohook.connector.assist.AssistTesting.finals;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.results;
import static io.audiohook.connector.assist.AssistTesting.script;
import static io.audiohook.connector.testkit.TestCalls.sleep;
import static io.audiohook.connector.assist.AssistTesting.speechFrames;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.probe;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;


import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.MediaFormat;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.emulator.ParticipantStats;
import io.audiohook.connector.emulator.StreamStats;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whole calls through the real path: AudioHook client → connector → Google's Dialogflow client → the emulator
 * over gRPC on the application's own port.
 */
@QuarkusTest
class AssistCallTest extends AssistCallTesting {
    private static final Logger LOG = Logger.getLogger(AssistCallTest.class);

    @Test
    void clientsTalkToTheBoundHttpPortInPlaintext() {
        DialogflowEndpoint target = factory().runtime().clients().endpoint();
        assertEquals(endpoint.getPort(), target.port(), "the emulator is served on the application's own port");
        assertTrue(target.plaintext());
    }

    @Test
    void transcriptsPerRoleFollowTheScript() {
        String conversationId = newConversationId();
        AudioHookClient client = connect(call(endpoint).conversationId(conversationId));
        await(client.open());
        await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
        await(client.close("end"));
        assertConformant(client);

        AssistCall call = assistCall(client);
        String name = call.conversationName();
        assertEquals("projects/emulated-project/locations/us-central1/conversations/a" + conversationId, name);
        Map<Participant.Role, List<String>> script = script();
        // closed went out after the final results, so they are all here already
        assertEquals(script.get(Participant.Role.END_USER), finals(events, name, Participant.Role.END_USER));
        assertEquals(script.get(Participant.Role.HUMAN_AGENT), finals(events, name, Participant.Role.HUMAN_AGENT));
        AssistTesting.assertUtteranceIds(results(events, name, Participant.Role.END_USER));
        AssistTesting.assertUtteranceIds(results(events, name, Participant.Role.HUMAN_AGENT));
        assertEquals(4, events.events(name, NewMessage.class).size(), "one analysed message per utterance");
        for (NewMessage m : events.events(name, NewMessage.class)) {
            assertTrue(m.message().hasSentimentAnalysis(), "the emulated profile enables sentiment");
        }
        for (Suggestions s : events.events(name, Suggestions.class)) {
            assertEquals(call.participantName(s.role()).orElseThrow(), s.participantName(), "addressed to its role");
        }
        assertEquals(java.util.Set.of(Participant.Role.HUMAN_AGENT, Participant.Role.END_USER), events
                .events(name, Suggestions.class).stream().map(Suggestions::role).collect(java.util.stream.Collectors
                        .toSet()), "the profile suggests to the agent and to the customer");

        eventually("completed", () -> emulator.conversation(name).orElseThrow()
                .state() == Conversation.LifecycleState.COMPLETED);
        assertEquals(1, emulator.conversation(name).orElseThrow().completions());
        eventually("finished event", () -> lifecycle(name).contains(ConversationEvent.Type.CONVERSATION_FINISHED));
        assertEquals(List.of(ConversationEvent.Type.CONVERSATION_STARTED, ConversationEvent.Type.CONVERSATION_FINISHED),
                lifecycle(name));

        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            ParticipantStats seen = emulated(call, role);
            assertEquals(SPEECH_BYTES_PER_CHANNEL, counters.bytesReceived(), role + " received");
            assertEquals(0, counters.bytesDropped(), role + " dropped");
            assertEquals(SPEECH_BYTES_PER_CHANNEL + counters.lookbackReplayed(), seen.audioBytes(), role + " emulator");
            assertEquals(1, seen.streamsOpened(), role + ": one stream for an 11 s call");
            StreamStats stream = seen.streams().get(0);
            assertEquals("en-US", stream.languageCode());
            assertEquals("latest_long", stream.model(), "the profile's model");
            assertEquals(AudioEncoding.AUDIO_ENCODING_MULAW, stream.encoding(), "µ-law passes through");
            assertEquals(io.grpc.Status.Code.OK, stream.outcome(), "half-closed, not cancelled");
        }
        LOG.infof("latencies: audio→send %s, response→sink %s", factory().runtime().latencies().audioToSend(),
                factory().runtime().latencies().responseToSink());
    }

    @Test
    void realTimeAudioIsForwardedAtOnce() {
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()));
        await(client.open());
        AssistCall call = assistCall(client);
        AssistTesting.awaitReady(client, call);
        AssistRuntime.Latencies latencies = factory().runtime().latencies();
        LatencyHistogram audioBefore = latencies.audioToSend().snapshot();
        LatencyHistogram responsesBefore = latencies.responseToSink().snapshot();
        // the first 4 s of the call at the pace Genesys sends it: 200 ms frames in real time
        WavAudioSource.Wav firstSeconds = new WavAudioSource.Wav(SPEECH.encoding(), 2, 8000,
                java.util.Arrays.copyOf(SPEECH.data(), 2 * 4 * 8000));
        await(client.streamAudio(firstSeconds.newSource(), Duration.ofMillis(200), true));
        LatencyHistogram audio = latencies.audioToSend().since(audioBefore);
        LatencyHistogram responses = latencies.responseToSink().since(responsesBefore);
        await(client.close("end"));
        LOG.infof("real time: audio→send %s; response→sink %s", audio, responses);
        assertEquals(2 * 20, audio.count(), "every frame of both channels");
        assertTrue(audio.percentile(0.5).toMillis() < 50, "steady state is not paced: " + audio);
        assertTrue(responses.count() > 0);
    }

    @Test
    void rolesFollowTheChannelNamesNotTheirOrder() {
        // only slot 0 speaks (the customer's voice); the offer names slot 0 internal, so it is the agent's stream
        AssistCall call = slotZeroIsTheAgent(call(endpoint).conversationId(newConversationId())
                .media(MediaFormat.pcmu(MediaFormat.INTERNAL, MediaFormat.EXTERNAL)));
        assertEquals(2, emulated(call, Participant.Role.HUMAN_AGENT).utterancesFinalized());
        assertEquals(0, emulated(call, Participant.Role.END_USER).utterancesFinalized());
    }

    @Test
    void monoCallStreamsItsOneChannel() {
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId())
                .media(MediaFormat.pcmu(MediaFormat.EXTERNAL)));
        await(client.open());
        for (int i = 0; i < 10; i++) {
            await(client.sendAudio(new byte[1600]));
        }
        await(client.close("end"));
        AssistCall call = assistCall(client);
        assertEquals(List.of(Participant.Role.END_USER), call.roles());
        assertEquals(16000, emulated(call, Participant.Role.END_USER).audioBytes());
        assertEquals(0, emulated(call, Participant.Role.HUMAN_AGENT).streamsOpened(), "the agent exists, silent");
    }

    @Test
    void probeCreatesNothing() {
        long created = emulator.conversationsCreated();
        long streams = emulator.streamsOpened();
        AudioHookClient client = connect(probe(endpoint));
        await(client.open());
        await(client.close("end"));
        assertEquals(List.of("opened", "closed"), types(client));
        assertTrue(factory().call(client.config().sessionId()).isEmpty());
        sleep(Duration.ofMillis(200));
        assertEquals(created, emulator.conversationsCreated());
        assertEquals(streams, emulator.streamsOpened());
    }

    @Test
    void slowSetupLosesNoAudio() {
        emulator.setUnaryLatency(Duration.ofMillis(1200));
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()));
        await(client.open());
        long start = System.nanoTime();
        await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
        AssistCall call = assistCall(client);
        assertFalse(call.ready().isDone(), "all audio arrived before the conversation existed");
        AssistTesting.awaitReady(client, call);
        LOG.infof("setup took %d ms", (System.nanoTime() - start) / 1_000_000);
        await(client.close("end"));
        Map<Participant.Role, List<String>> script = script();
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            assertEquals(0, call.counters(role).orElseThrow().bytesDropped());
            assertEquals(SPEECH_BYTES_PER_CHANNEL, emulated(call, role).audioBytes(), role + " emulator");
            assertEquals(script.get(role), finals(events, call.conversationName(), role));
        }
    }

    @Test
    void pauseHalfClosesAndResumeReopens() {
        emulator.setAudioTimeout(Duration.ofSeconds(1));
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()));
        await(client.open());
        List<byte[]> frames = speechFrames(200, 4000);
        for (byte[] frame : frames.subList(0, 10)) {
            await(client.sendAudio(frame));
        }
        AssistCall call = assistCall(client);
        AssistTesting.awaitReady(client, call);
        eventually("first streams carried the audio", () -> call.counters(Participant.Role.END_USER).orElseThrow()
                .bytesSent() == 16000);
        client.sendPaused();
        eventually("paused", () -> "PAUSED".equals(call.state(Participant.Role.END_USER).orElseThrow())
                && "PAUSED".equals(call.state(Participant.Role.HUMAN_AGENT).orElseThrow()));
        // longer than the emulator's audio timeout: an idle open stream would fail with OUT_OF_RANGE
        AssistTesting.idle(client, Duration.ofMillis(1500));
        client.sendResumed(2_000_000_000L, 1_500_000_000L);
        for (byte[] frame : frames.subList(10, frames.size())) {
            await(client.sendAudio(frame));
        }
        await(client.close("end"));
        assertConformant(client);
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            assertEquals(2, counters.streamsOpened(), role + ": " + counters);
            assertEquals(Map.of(), counters.restarts(), role + ": no error while paused");
            ParticipantStats seen = emulated(call, role);
            assertEquals(List.of(io.grpc.Status.Code.OK, io.grpc.Status.Code.OK),
                    seen.streams().stream().map(StreamStats::outcome).toList(), role + " streams half-closed");
            assertEquals(frames.stream().mapToLong(f -> f.length / 2).sum(), seen.audioBytes());
        }
    }

    @Test
    void updateReopensWithTheNewLanguage() {
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()));
        await(client.open());
        List<byte[]> frames = speechFrames(200, 2000);
        for (byte[] frame : frames.subList(0, 5)) {
            await(client.sendAudio(frame));
        }
        AssistCall call = assistCall(client);
        AssistTesting.awaitReady(client, call);
        client.sendUpdate("es-US");
        for (byte[] frame : frames.subList(5, frames.size())) {
            await(client.sendAudio(frame));
        }
        await(client.close("end"));
        assertConformant(client);
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            ParticipantStats seen = emulated(call, role);
            assertEquals(List.of("en-US", "es-US"), seen.streams().stream().map(StreamStats::languageCode).toList());
            assertEquals(frames.stream().mapToLong(f -> f.length / 2).sum(), seen.audioBytes());
        }
    }

    private List<ConversationEvent.Type> lifecycle(String name) {
        return events.events(name, ConversationLifecycle.class).stream().map(ConversationLifecycle::type).toList();
    }
}
