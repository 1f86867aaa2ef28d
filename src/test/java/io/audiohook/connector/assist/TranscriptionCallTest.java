package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.SPEECH;
import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.finals;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.script;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.assist.AssistTesting.eventually;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.protocol.Durations;
import io.audiohook.connector.testkit.SpeechTurns;
import io.audiohook.connector.testkit.SpeechTurns.Span;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Genesys' Transcription Connector through a real WebSocket client against the emulator: {@code transcript} events
 * for both channels, placed on the AudioHook timeline within a tolerance of the speech in the audio, across pauses,
 * discards and language updates in an utterance and in silence, while the desktop keeps getting Agent Assist.
 */
@QuarkusTest
class TranscriptionCallTest extends AssistCallTesting {
    /** Word and utterance boundaries of the emulator's detector against the fixture's speech. */
    static final double TOLERANCE = 0.3;
    static final double PAUSE_GAP = 5;
    static final double DISCARD_GAP = 2;
    /** The fixture's turns per channel; a turn's two sentences are one utterance (the pause between is < 0.5 s). */
    static final List<List<Span>> TURNS = List.of(SpeechTurns.of(SPEECH, 0, 0.5), SpeechTurns.of(SPEECH, 1, 0.5));

    @TestHTTPResource("/audiohook/transcription")
    URI transcription;

    /** Something the client does after {@code at} seconds of the recording. */
    record Change(double at, String kind) {
        double gap() {
            return switch (kind) {
                case "pause" -> PAUSE_GAP;
                case "discard" -> DISCARD_GAP;
                default -> 0;
            };
        }

        boolean splits() {
            return !kind.equals("discard");
        }
    }

    SessionConfig transcriptionCall() {
        return call(transcription).conversationId(newConversationId());
    }

    /** The recording streamed at full speed with the changes on the way, then close/end. */
    AudioHookClient play(SessionConfig config, Change... changes) {
        AudioHookClient client = connect(config);
        await(client.open());
        byte[] data = SPEECH.data();
        int from = 0;
        for (Change change : changes) {
            int to = (int) Math.round(change.at() * 8000) * 2;
            stream(client, Arrays.copyOfRange(data, from, to));
            from = to;
            long position = client.positionNanos();
            long gap = Math.round(change.gap() * 1e9);
            switch (change.kind()) {
                case "pause" -> {
                    client.sendPaused();
                    AssistCall call = assistCall(client);
                    // the audio before the pause has reached its streams: Genesys' holds are longer than that
                    eventually("paused", () -> call.roles().stream()
                            .allMatch(r -> call.state(r).orElse("").equals("PAUSED")));
                    client.sendResumed(position, gap);
                }
                case "discard" -> client.sendDiscarded(position, gap);
                case "update" -> client.sendUpdate("fr-FR");
                default -> throw new IllegalArgumentException(change.kind());
            }
        }
        stream(client, Arrays.copyOfRange(data, from, data.length));
        await(client.close("end"));
        assertConformant(client);
        return client;
    }

    static void stream(AudioHookClient client, byte[] interleaved) {
        WavAudioSource.Wav part = new WavAudioSource.Wav(SPEECH.encoding(), 2, 8000, interleaved);
        await(client.streamAudio(part.newSource(), Duration.ofMillis(200), false));
    }

    /** The data of every transcript the server sent, checking that each event carries exactly one. */
    static List<JsonNode> transcripts(AudioHookClient client) {
        List<JsonNode> data = new ArrayList<>();
        for (Received event : client.messagesOfType("event")) {
            JsonNode entities = event.parameters().get("entities");
            assertEquals(1, entities.size(), "one entity per event");
            assertEquals("transcript", entities.get(0).get("type").asText());
            data.add(entities.get(0).get("data"));
        }
        return data;
    }

    static List<JsonNode> finalsOn(List<JsonNode> transcripts, int channel) {
        return transcripts.stream().filter(t -> t.get("isFinal").asBoolean() && t.get("channelId").asInt() == channel)
                .toList();
    }

    static double seconds(JsonNode duration) {
        return Durations.parseNanos(duration.asText()) / 1e9;
    }

    /** Where each utterance of a channel must be on the timeline: pauses and updates split, pauses and discards shift. */
    static List<Span> expected(List<Span> turns, Change... changes) {
        List<Span> out = new ArrayList<>();
        for (Span turn : turns) {
            double start = turn.start();
            for (Change change : changes) {
                if (change.splits() && change.at() > start && change.at() < turn.end()) {
                    out.add(new Span(start + gaps(start, true, changes), change.at() + gaps(change.at(), false, changes)));
                    start = change.at();
                }
            }
            out.add(new Span(start + gaps(start, true, changes), turn.end() + gaps(turn.end(), false, changes)));
        }
        return out;
    }

    /** The timeline gaps before {@code t} (an utterance starting at a gap starts after it; one ending there, before). */
    static double gaps(double t, boolean includingAt, Change... changes) {
        double sum = 0;
        for (Change change : changes) {
            if (change.at() < t || includingAt && change.at() == t) {
                sum += change.gap();
            }
        }
        return sum;
    }

    /** Every final of both channels where the audio says, and its words inside it, in order. */
    static void assertPlaced(List<JsonNode> transcripts, Change... changes) {
        for (int channel = 0; channel < 2; channel++) {
            List<Span> want = expected(TURNS.get(channel), changes);
            List<JsonNode> got = finalsOn(transcripts, channel);
            assertEquals(want.size(), got.size(), "utterances on channel " + channel + ": " + got);
            for (int i = 0; i < want.size(); i++) {
                JsonNode t = got.get(i);
                double start = seconds(t.get("offset"));
                double end = start + seconds(t.get("duration"));
                String where = "channel " + channel + " utterance " + i + " " + want.get(i) + ": " + start + "–" + end;
                assertEquals(want.get(i).start(), start, TOLERANCE, where);
                assertEquals(want.get(i).end(), end, TOLERANCE, where);
                assertTokensInside(t, start, end);
            }
        }
    }

    static void assertTokensInside(JsonNode transcript, double start, double end) {
        JsonNode interpretation = transcript.at("/alternatives/0/interpretations/0");
        JsonNode tokens = interpretation.get("tokens");
        assertEquals(interpretation.get("transcript").asText().split("\\s+").length, tokens.size(), "a token a word");
        double previous = -1;
        for (JsonNode token : tokens) {
            double offset = seconds(token.get("offset"));
            assertTrue(offset > previous, "distinct, increasing token offsets: " + tokens);
            assertTrue(offset >= start - 1e-9 && offset + seconds(token.get("duration")) <= end + 1e-9,
                    "token inside its utterance: " + token);
            previous = offset;
        }
    }

    /** Every word's middle is in speech: none falls in a pause of 0.2 s or more in the audio (sentences of a turn). */
    static void assertNoWordInAPause(List<JsonNode> transcripts) {
        for (int channel = 0; channel < 2; channel++) {
            List<Span> speech = SpeechTurns.of(SPEECH, channel, 0.2);
            for (JsonNode t : finalsOn(transcripts, channel)) {
                for (JsonNode token : t.at("/alternatives/0/interpretations/0/tokens")) {
                    double middle = seconds(token.get("offset")) + seconds(token.get("duration")) / 2;
                    assertTrue(speech.stream().anyMatch(s -> middle >= s.start() - 0.05 && middle <= s.end() + 0.05),
                            "channel " + channel + ": " + token + " is in a pause; speech " + speech);
                }
            }
        }
    }

    @Test
    void bothChannelsAreTranscribedBackToGenesysAndTheDesktopStillAssisted() {
        AudioHookClient client = play(transcriptionCall());
        List<JsonNode> transcripts = transcripts(client);
        assertEquals(script().get(Participant.Role.END_USER), finalsOn(transcripts, 0).stream()
                .map(t -> t.at("/alternatives/0/interpretations/0/transcript").asText()).toList());
        assertEquals(script().get(Participant.Role.HUMAN_AGENT), finalsOn(transcripts, 1).stream()
                .map(t -> t.at("/alternatives/0/interpretations/0/transcript").asText()).toList());
        assertPlaced(transcripts);
        assertNoWordInAPause(transcripts);
        Set<String> ids = new HashSet<>();
        transcripts.forEach(t -> assertTrue(ids.add(t.get("id").asText()), "one id per utterance"));
        transcripts.forEach(t -> assertEquals("en-US", t.at("/alternatives/0/languages/0").asText()));
        List<String> types = types(client);
        assertEquals("closed", types.get(types.size() - 1), "closed is the last message: nothing after it");
        AssistCall call = assistCall(client);
        for (Participant.Role role : AssistTesting.ROLES) {
            assertEquals(script().get(role), finals(events, call.conversationName(), role), "the desktop's " + role);
        }
    }

    @Test
    void pauseUpdateAndDiscardInTheMiddleOfUtterances() {
        Change[] changes = { new Change(1.5, "pause"), new Change(4.0, "update"), new Change(7.5, "discard") };
        AudioHookClient client = play(transcriptionCall(), changes);
        List<JsonNode> transcripts = transcripts(client);
        assertPlaced(transcripts, changes);
        assertTrue(types(client).contains("updated"), "a transcription call hears that its update took effect");
        JsonNode lastFinal = finalsOn(transcripts, 0).get(finalsOn(transcripts, 0).size() - 1);
        assertEquals("fr-FR", lastFinal.at("/alternatives/0/languages/0").asText(), "recognised in the new language");
    }

    @Test
    void pauseUpdateAndDiscardInSilence() {
        Change[] changes = { new Change(3.35, "update"), new Change(6.6, "discard"), new Change(8.75, "pause") };
        assertPlaced(transcripts(play(transcriptionCall(), changes)), changes);
    }

    @Test
    void theMonitorPathSendsNoTranscriptsUnlessTheIntegrationAsks() {
        long completedBefore = factory().completions();
        AudioHookClient monitor = play(call(endpoint).conversationId(newConversationId()));
        assertEquals(List.of(), monitor.messagesOfType("event"));
        assertTrue(!types(monitor).contains("updated"));

        AudioHookClient asked = play(call(endpoint).conversationId(newConversationId())
                .customConfig(io.audiohook.connector.testkit.TestCalls.customConfig("{\"mode\":\"transcription\",\"agentAssist\":false}")));
        assertEquals(script().get(Participant.Role.END_USER).size(), finalsOn(transcripts(asked), 0).size());
        AssistCall call = assistCall(asked);
        eventually("both conversations completed", () -> factory().completions() >= completedBefore + 2);
        io.audiohook.connector.testkit.TestCalls.sleep(Duration.ofMillis(200)); // its lifecycle event would follow
        assertEquals(List.of(), events.events(call.conversationName(), AssistEvent.class),
                "Agent Assist off: Dialogflow recognised the call for Genesys only, nothing reached the desktop, "
                        + "not even its start and end");
    }

    @Test
    void eventsNotAllowedStopsTranscriptsOnlyForThatSession() {
        AudioHookClient client = connect(transcriptionCall());
        await(client.open());
        byte[] data = SPEECH.data();
        int firstTurnDone = (int) Math.round(4.6 * 8000) * 2;
        stream(client, Arrays.copyOfRange(data, 0, firstTurnDone));
        eventually("the first transcript", () -> !client.messagesOfType("event").isEmpty());
        client.sendError(405, "Event messages not allowed in this session");
        int before = client.messagesOfType("event").size();
        stream(client, Arrays.copyOfRange(data, firstTurnDone, data.length));
        await(client.close("end"));
        assertConformant(client);
        int after = client.messagesOfType("event").size();
        assertTrue(after <= before + 1, "at most one was already on its way: " + before + " then " + after);
        AssistCall call = assistCall(client);
        assertEquals(script().get(Participant.Role.HUMAN_AGENT),
                finals(events, call.conversationName(), Participant.Role.HUMAN_AGENT), "the desktop still has all");
    }
}
