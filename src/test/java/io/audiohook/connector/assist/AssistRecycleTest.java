package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.ROLES;

import static io.audiohook.connector.assist.AssistTesting.SPEECH;
import static io.audiohook.connector.assist.AssistTesting.SPEECH_BYTES_PER_CHANNEL;
import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.finals;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.script;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.emulator.ParticipantStats;
import io.audiohook.connector.emulator.StreamStats;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Streams outlive Dialogflow's duration limit: with the emulator's limit at 10 s, streams are recycled after a
 * final result once past 2 s, and at 9 s whatever happens, so an 11 s call needs several. No audio is lost
 * or counted twice except the look-back replay.
 */
@QuarkusTest
@TestProfile(AssistRecycleTest.Recycling.class)
class AssistRecycleTest extends AssistCallTesting {

    public static class Recycling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("connector.assist.recycle-after", "2s");
            config.put("connector.assist.recycle-max", "9s");
            config.put("connector.assist.stream-deadline", "20s");
            return config;
        }
    }

    @BeforeEach
    void shortStreams() {
        emulator.setStreamLimit(Duration.ofSeconds(10));
    }

    @Test
    void streamsAreRecycledAfterAFinalResultAndEveryByteIsAccountedFor() {
        AssistCall call = speechCall(call(endpoint).conversationId(newConversationId()));
        Map<Participant.Role, List<String>> script = script();
        for (Participant.Role role : ROLES) {
            ParticipantCounters counters = call.counters(role).orElseThrow();
            ParticipantStats seen = emulated(call, role);
            assertTrue(counters.recycles() >= 1, role + ": " + counters);
            assertEquals(Map.of(), counters.restarts(), role + ": recycled before the limit, never cut off");
            assertEquals(counters.recycles() + 1, seen.streamsOpened());
            assertEquals(0, counters.bytesDropped());
            assertEquals(SPEECH_BYTES_PER_CHANNEL + counters.lookbackReplayed(), seen.audioBytes(),
                    role + ": exactly the client's audio plus the look-back");
            for (StreamStats stream : seen.streams()) {
                assertEquals(Status.Code.OK, stream.outcome(), role + " stream " + stream.number());
            }
            // recycled only after a final result, so no utterance was cut and none repeated
            assertEquals(script.get(role), finals(events, call.conversationName(), role), role + " transcript");
        }
    }

    @Test
    void aStreamWithoutFinalResultsIsRecycledAtTheMaximumWithoutReplay() {
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId())
                .media(io.audiohook.connector.client.MediaFormat.pcmu(io.audiohook.connector.client.MediaFormat.EXTERNAL)));
        await(client.open());
        byte[] silence = new byte[1600];
        java.util.Arrays.fill(silence, (byte) 0xFF); // µ-law digital silence
        int frames = 60; // 12 s
        for (int i = 0; i < frames; i++) {
            await(client.sendAudio(silence));
        }
        await(client.close("end"));
        AssistCall call = assistCall(client);
        ParticipantCounters counters = call.counters(Participant.Role.END_USER).orElseThrow();
        assertEquals(1, counters.recycles(), counters.toString());
        // a forced recycle lands mid-utterance; the half-close finalises it, so a replay would only duplicate it
        assertEquals(0, counters.lookbackReplayed(), counters.toString());
        ParticipantStats seen = emulated(call, Participant.Role.END_USER);
        assertEquals(frames * 1600L, seen.audioBytes());
        assertEquals(List.of(9 * 8000L, frames * 1600L - 9 * 8000),
                seen.streams().stream().map(StreamStats::audioBytes).toList());
    }
}
