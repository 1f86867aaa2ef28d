package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.SPEECH;
import static io.audiohook.connector.assist.AssistTesting.ROLES;
import static io.audiohook.connector.assist.AssistTesting.SPEECH_BYTES_PER_CHANNEL;
import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.finals;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.script;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.web.LogCapture;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each gRPC error a stream can end with gets its documented reaction, and the AudioHook session goes on
 * normally whatever Dialogflow does.
 */
@QuarkusTest
class AssistErrorTest extends AssistCallTesting {

    /** Streams the fixture, closes with {@code end}; returns the call. */
    AssistCall speechCall() {
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()));
        await(client.open());
        await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
        await(client.sendPing());
        await(client.close("end"));
        assertConformant(client);
        assertEquals(List.of("opened", "pong", "closed"), types(client), "the session itself goes on normally");
        return assistCall(client);
    }

    @ParameterizedTest
    @EnumSource(names = { "OUT_OF_RANGE", "UNAVAILABLE", "ABORTED", "INTERNAL", "DEADLINE_EXCEEDED" })
    void transientErrorsReopenTheStream(Status.Code code) {
        emulator.failStreams(code, 2); // the first stream of each participant
        AssistCall call = speechCall();
        Map<Participant.Role, List<String>> script = script();
        for (Participant.Role role : ROLES) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            assertEquals(Map.of(code.name(), 1L), counters.restarts(), role + ": " + counters);
            assertEquals(2, counters.streamsOpened());
            assertEquals(0, counters.bytesDropped());
            assertEquals(script.get(role), finals(events, call.conversationName(), role), role + " transcript");
            // the failed streams took no audio, so nothing was replayed and nothing was lost
            assertEquals(SPEECH_BYTES_PER_CHANNEL, emulated(call, role).audioBytes());
        }
    }

    @Test
    void errorMidStreamReplaysTheLookback() {
        emulator.failStreamAfter(Status.Code.UNAVAILABLE, Duration.ofSeconds(2));
        AssistCall call = speechCall();
        Map<Participant.Role, List<String>> script = script();
        long replayed = 0;
        for (Participant.Role role : ROLES) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            replayed += counters.lookbackReplayed();
            long seen = emulated(call, role).audioBytes();
            // audio in flight when the stream failed never reached the emulator; the look-back covers it
            assertTrue(seen >= SPEECH_BYTES_PER_CHANNEL, role + " lost audio: " + seen + " " + counters);
            assertTrue(seen <= SPEECH_BYTES_PER_CHANNEL + counters.lookbackReplayed(), role + ": " + counters);
            assertEquals(counters.bytesReceived() + counters.lookbackReplayed(),
                    counters.bytesSent() + counters.bytesDropped(), "every byte accounted for");
            assertEquals(script.get(role), finals(events, call.conversationName(), role), role + " transcript");
        }
        long restarts = ROLES.stream().mapToLong(r -> call.counters(r).orElseThrow().restarts("UNAVAILABLE")).sum();
        assertEquals(1, restarts, "one stream failed");
        assertTrue(replayed > 0 && replayed <= 3 * 8000, "replayed " + replayed);
    }

    @Test
    void anExhaustedQuotaKeepsTheAudioAndTranscribesItOnceQuotaReturns() {
        emulator.failStreams(Status.Code.RESOURCE_EXHAUSTED, 2);
        AssistCall recovered = speechCall();
        for (Participant.Role role : ROLES) {
            assertEquals(Map.of("RESOURCE_EXHAUSTED", 1L), recovered.counters(role).orElseThrow().restarts());
            assertEquals(script().get(role), finals(events, recovered.conversationName(), role));
        }

        // the project's quota is used up for longer than a few retries: the audio waits, nothing is given up
        emulator.setStreamsPerMinute(0);
        try (LogCapture logs = LogCapture.start()) {
            AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()));
            await(client.open());
            await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
            AssistCall waiting = assistCall(client);
            AssistTesting.eventually("every participant retried a few times", () -> ROLES.stream()
                    .allMatch(r -> waiting.counters(r).orElseThrow().restarts("RESOURCE_EXHAUSTED") >= 3));
            for (Participant.Role role : ROLES) {
                assertEquals("RESTARTING", waiting.state(role).orElseThrow(), "still trying, not stopped");
            }
            emulator.setStreamsPerMinute(10_000); // quota is back
            await(client.close("end"));
            assertConformant(client);
            assertEquals(List.of("opened", "closed"), types(client));
            Map<Participant.Role, List<String>> script = script();
            for (Participant.Role role : ROLES) {
                ParticipantCounters counters = waiting.counters(role).orElseThrow();
                assertEquals(0, counters.bytesDropped(), role + ": kept within the bound: " + counters);
                assertEquals(counters.bytesReceived() + counters.lookbackReplayed(), counters.bytesSent(),
                        role + ": every byte accounted for: " + counters);
                assertEquals(SPEECH_BYTES_PER_CHANNEL, emulated(waiting, role).audioBytes(),
                        role + ": the accepted stream got all of it");
                assertEquals(script.get(role), finals(events, waiting.conversationName(), role), role + " transcript");
            }
            List<LogCapture.Line> warnings = logs.matching(java.util.logging.Level.WARNING, "RESOURCE_EXHAUSTED")
                    .stream().filter(l -> client.config().sessionId().equals(l.mdc().get("sessionId"))).toList();
            assertEquals(1, warnings.size(), "one WARN per call, not per retry: " + warnings);
        }
    }

    @Test
    void aLanguageTheProfileCannotRecogniseFallsBackToTheProfilesLanguage() {
        AssistCall call = speechCall(call(endpoint).conversationId(newConversationId()).language("xx-XX"));
        Map<Participant.Role, List<String>> script = script();
        for (Participant.Role role : ROLES) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            assertEquals(1, counters.languageFallbacks(), role + ": " + counters);
            assertEquals("en-US", call.language(role).orElseThrow());
            assertEquals(Map.of("INVALID_ARGUMENT", 1L), counters.restarts(), role + ": " + counters);
            assertEquals(script.get(role), finals(events, call.conversationName(), role), role + " transcript");
            assertEquals(List.of("en-US"), emulated(call, role).streams().stream()
                    .map(io.audiohook.connector.emulator.StreamStats::languageCode).toList(),
                    "the emulator refused xx-XX before a stream opened, then took en-US");
        }
    }

    @ParameterizedTest
    @EnumSource(names = { "INVALID_ARGUMENT", "FAILED_PRECONDITION" })
    void unfixableErrorsStopTheParticipant(Status.Code code) {
        emulator.failStreams(code, 2);
        AssistCall call = speechCall();
        emulator.reset();
        for (Participant.Role role : ROLES) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            assertEquals(Map.of(), counters.restarts(), role + ": not retried");
            assertEquals(1, counters.streamsOpened());
            assertEquals("STOPPED", call.state(role).orElseThrow());
            assertEquals(SPEECH_BYTES_PER_CHANNEL, counters.bytesReceived());
            assertEquals(0, emulated(call, role).audioBytes());
            // the refusal arrives after the first paced chunks went out: those are sent, the rest dropped
            assertEquals(SPEECH_BYTES_PER_CHANNEL, counters.bytesSent() + counters.bytesDropped());
            assertEquals(0, counters.lookbackReplayed());
            assertEquals(List.of(), finals(events, call.conversationName(), role));
        }
    }
}
