package io.audiohook.connector.publish;

import static io.audiohook.connector.publish.PublishTesting.SPEECH;
import static io.audiohook.connector.publish.PublishTesting.assertEnvelopes;
import static io.audiohook.connector.publish.PublishTesting.assertStrictlyIncreasing;
import static io.audiohook.connector.publish.PublishTesting.eventually;
import static io.audiohook.connector.publish.PublishTesting.finished;
import static io.audiohook.connector.publish.PublishTesting.hasFinished;
import static io.audiohook.connector.publish.PublishTesting.ids;
import static io.audiohook.connector.testkit.TestCalls.sleep;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.RecentAssistEvents;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.publish.PublishTesting.Conversation;
import io.audiohook.connector.testkit.RedisServerResource;
import io.audiohook.connector.testkit.Resp;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * Whole calls through the real path — AudioHook client → connector → Google's Dialogflow client → emulator — and
 * out through the real Redis to a double of Google's UI connector.
 */
@QuarkusTest
class PublishCallTest extends ConnectorTest {
    private static final Logger LOG = Logger.getLogger(PublishCallTest.class);

    @Inject
    RecentAssistEvents events;
    @Inject
    RedisPublisher publisher;
    @Inject
    TranscriptStore transcripts;

    /**
     * Drops for reasons other than age: those are global, and conversations of other tests that no desktop ever
     * joined age out meanwhile. That none of this conversation's events was lost (by age or else) is shown by
     * comparing what arrived with what was produced.
     */
    private Map<DropReason, Long> drops() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            if (reason == DropReason.AGE) {
                continue;
            }
            drops.put(reason, publisher.stats().dropped(reason));
        }
        return drops;
    }

    private List<AssistEvent> produced(Conversation c) {
        return events.events(c.fullName());
    }

    @Test
    void joinedDesktopGetsEveryEventInOrderAndTheTranscriptIsKept() throws Exception {
        Conversation c = Conversation.create();
        Map<DropReason, Long> dropsBefore = drops();
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            ui.join(c.fullName());
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            await(client.open());
            await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
            await(client.close("end"));
            assertConformant(client);
            eventually("FINISHED reached the desktop", () -> hasFinished(ui.received(c.fullName())));

            List<UiConnectorDouble.Received> got = ui.received(c.fullName());
            assertEquals(List.of(), ui.unparsable());
            assertEquals(ui.serverId + ":" + c.key(), got.get(0).channel());
            assertEquals("CONVERSATION_STARTED", got.get(0).data().get("type").asText());
            assertEquals("CONVERSATION_FINISHED", got.get(got.size() - 1).data().get("type").asText());
            assertStrictlyIncreasing(ids(got));
            assertEnvelopes(c, got, produced(c));

            Map<String, Integer> byType = new java.util.TreeMap<>();
            got.forEach(r -> byType.merge(r.dataType(), 1, Integer::sum));
            LOG.infof("published %s; latency %s", byType, publisher.stats().latencySummary());
            List<JsonNode> recognition = got.stream()
                    .filter(r -> r.dataType().equals("new-recognition-result-notification-event")).map(r -> r.data()).toList();
            for (String role : List.of("END_USER", "HUMAN_AGENT")) {
                List<UiConnectorDouble.Received> mine = got.stream()
                        .filter(r -> role.equals(r.envelope().path("participant_role").asText())).toList();
                assertTrue(mine.stream().anyMatch(r -> !r.data().get("newRecognitionResultPayload").has("isFinal")),
                        role + ": interim results");
                assertEquals(2, mine.stream().filter(r -> r.data().get("newRecognitionResultPayload").path("isFinal")
                        .asBoolean()).count(), role + ": two final results");
            }
            assertFalse(recognition.isEmpty());
            List<JsonNode> messages = got.stream().filter(r -> r.dataType().equals("new-message-event"))
                    .map(r -> r.data()).toList();
            assertEquals(4, messages.size());
            for (JsonNode m : messages) {
                assertEquals("NEW_MESSAGE", m.get("type").asText());
                assertTrue(m.get("newMessagePayload").has("sentimentAnalysis"), m.toString());
            }
            List<JsonNode> suggestions = got.stream().filter(r -> r.dataType().equals("human-agent-assistant-event"))
                    .map(r -> r.data()).toList();
            assertFalse(suggestions.isEmpty(), "the emulator suggests FAQ answers");
            for (JsonNode s : suggestions) {
                assertTrue(s.get("participant").asText().startsWith(c.fullName() + "/participants/"));
                assertTrue(s.get("suggestionResults").size() > 0);
            }
        }
        assertEquals(dropsBefore, drops(), "nothing dropped");

        eventually("transcript written",
                () -> transcripts.read(c.fullName()).await().indefinitely().utterances().size() == 4);
        Transcript transcript = transcripts.read(c.key()).await().indefinitely();
        List<TranscriptEntry> lines = transcript.utterances();
        Map<String, List<String>> script = script();
        assertEquals(script.get("END_USER"), lines.stream().filter(l -> l.role().equals("END_USER")).map(TranscriptEntry::text).toList());
        assertEquals(script.get("HUMAN_AGENT"), lines.stream().filter(l -> l.role().equals("HUMAN_AGENT")).map(TranscriptEntry::text).toList());
        for (TranscriptEntry line : lines) {
            assertTrue(line.id().matches("\\d+-\\d+"), line.id());
            assertTrue(line.participant().startsWith(c.fullName() + "/participants/"), line.participant());
            assertTrue(line.messageName().startsWith(c.fullName() + "/messages/"), line.messageName());
            assertEquals("en-US", line.language());
            assertTrue(line.sentimentScore().isPresent() && line.sentimentMagnitude().isPresent(), line.toString());
            assertTrue(line.endOffset().isPresent(), "the final result's offset: " + line);
            assertFalse(line.createTime().isEmpty());
        }
        for (String role : List.of("END_USER", "HUMAN_AGENT")) {
            // on the call's timeline, where the audio has the speech (this call has no pause: the recording's time)
            List<io.audiohook.connector.testkit.SpeechTurns.Span> turns = io.audiohook.connector.testkit.SpeechTurns.of(
                    io.audiohook.connector.client.WavAudioSource.Wav.fromResource(io.audiohook.connector.testkit.TestCalls.SPEECH),
                    role.equals("END_USER") ? 0 : 1, 0.5);
            List<TranscriptEntry> ofRole = lines.stream().filter(l -> l.role().equals(role)).toList();
            for (int i = 0; i < ofRole.size(); i++) {
                double start = com.google.protobuf.util.Durations.toNanos(com.google.protobuf.util.Durations
                        .parse(ofRole.get(i).startOffset().orElseThrow())) / 1e9;
                assertEquals(turns.get(i).start(), start, 0.3, role + " line " + i);
            }
        }
        assertEquals(-0.8f, lines.get(0).sentimentScore().orElseThrow(), 1e-6, "\"lost\" is a negative word: " + lines.get(0));
        try (Resp resp = Resp.connect(redisPort)) {
            long ttl = (Long) resp.call("TTL", transcripts.streamKey(c.fullName()));
            assertTrue(ttl > 7 * 24 * 3600 - 60 && ttl <= 7 * 24 * 3600, "retention 7 days: " + ttl);
            // the utterances, the suggestions compiled for them, and the summary once written: nothing else
            eventually("every entry of the stream is an utterance, a suggestion or the summary", () -> {
                Transcript kept = transcripts.read(c.key()).await().indefinitely();
                long entries = kept.utterances().size() + kept.suggestions().size() + (kept.summary().isPresent() ? 1 : 0);
                try {
                    return entries == (Long) resp.call("XLEN", "aa-connector:transcript:" + c.key());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertFalse(transcript.suggestions().isEmpty(), "the suggestions compiled for the customer's words are kept");
        for (SuggestionEntry s : transcript.suggestions()) {
            assertTrue(lines.stream().anyMatch(l -> l.messageName().equals(s.message())),
                    "kept next to the utterance that triggered them: " + s);
        }
    }

    @Test
    void desktopJoiningTenSecondsInGetsEverythingFromTheStart() throws Exception {
        Conversation c = Conversation.create();
        Map<DropReason, Long> dropsBefore = drops();
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            await(client.open());
            long start = System.nanoTime();
            CompletableFuture<Void> streaming = client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), true);
            sleep(Duration.ofSeconds(10));
            assertTrue(publisher.pendingEvents(c.fullName()) > 0, "events wait for the desktop");
            assertEquals(List.of(), ui.received(c.fullName()));
            ui.join(c.fullName());
            LOG.infof("desktop joined %d ms into the call", (System.nanoTime() - start) / 1_000_000);
            await(streaming);
            await(client.close("end"));
            eventually("FINISHED reached the desktop", () -> hasFinished(ui.received(c.fullName())));
            List<UiConnectorDouble.Received> got = ui.received(c.fullName());
            assertEquals("CONVERSATION_STARTED", got.get(0).data().get("type").asText());
            assertStrictlyIncreasing(ids(got));
            assertEnvelopes(c, got, produced(c));
            assertEquals(List.of(), ui.unparsable());
        }
        assertEquals(dropsBefore, drops(), "nothing dropped");
    }

    @Test
    void desktopMovedToAnotherInstanceKeepsReceivingThere() throws Exception {
        Conversation c = Conversation.create();
        try (UiConnectorDouble first = new UiConnectorDouble(redisPort);
                UiConnectorDouble second = new UiConnectorDouble(redisPort)) {
            first.join(c.fullName());
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            await(client.open());
            CompletableFuture<Void> streaming = client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), true);
            eventually("the first instance gets events", () -> first.received(c.fullName()).size() >= 5);
            second.join(c.fullName()); // a reload landed on another UI-connector instance: the key now names it
            await(streaming);
            await(client.close("end"));
            eventually("FINISHED reached the second instance", () -> hasFinished(second.received(c.fullName())));

            List<UiConnectorDouble.Received> before = first.received(c.fullName());
            List<UiConnectorDouble.Received> after = second.received(c.fullName());
            assertFalse(after.isEmpty());
            assertTrue(ids(before).get(before.size() - 1) < ids(after).get(0), "nothing went to the old instance after the move");
            after.forEach(r -> assertEquals(second.serverId + ":" + c.key(), r.channel()));
            List<UiConnectorDouble.Received> all = new ArrayList<>(before);
            all.addAll(after);
            assertStrictlyIncreasing(ids(all));
            assertEnvelopes(c, all, produced(c));
        }
    }

    @Test
    void redisOutageMidCallLosesNothingAndTheCallGoesOn() throws Exception {
        Conversation c = Conversation.create();
        Map<DropReason, Long> dropsBefore = drops();
        long failuresBefore = publisher.stats().failures();
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            ui.join(c.fullName());
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            await(client.open());
            CompletableFuture<Void> streaming = client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), true);
            eventually("events flow", () -> ui.received(c.fullName()).size() >= 3);
            RedisServerResource.stop(redisPort);
            int beforeOutage = produced(c).size();
            sleep(Duration.ofSeconds(4));
            assertFalse(client.closeFuture().isDone(), "the AudioHook call goes on without Redis");
            assertTrue(produced(c).size() > beforeOutage, "Agent Assist goes on without Redis");
            assertTrue(publisher.pendingEvents(c.fullName()) > 0, "events wait for Redis");
            RedisServerResource.restart(redisPort);
            ui.reconnectAndRejoin(); // the restarted Redis is empty: the desktop joins again
            await(streaming);
            await(client.close("end"));
            assertConformant(client);
            eventually("FINISHED reached the desktop", () -> hasFinished(ui.received(c.fullName())));

            List<UiConnectorDouble.Received> got = ui.received(c.fullName());
            List<Long> ids = ids(got);
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) >= ids.get(i - 1) || ids.subList(0, i).contains(ids.get(i)),
                        "in order; a batch cut by the outage may repeat: " + ids);
            }
            List<UiConnectorDouble.Received> distinct = new ArrayList<>();
            TreeSet<Long> seen = new TreeSet<>();
            for (UiConnectorDouble.Received r : got) {
                if (seen.add(Long.parseLong(r.messageId()))) {
                    distinct.add(r);
                }
            }
            assertEnvelopes(c, distinct, produced(c));
        }
        assertEquals(dropsBefore, drops(), "nothing dropped within the bounds");
        assertTrue(publisher.stats().failures() > failuresBefore, "the outage was noticed");
        eventually("nothing of the call waits any more", () -> publisher.pendingEvents(c.fullName()) == 0);
    }

    static Map<String, List<String>> script() {
        Map<String, List<String>> lines = new java.util.HashMap<>();
        lines.put("END_USER", List.of("Hi, I lost my bank card. What is my balance?", "Thanks. Can I get a new card?"));
        lines.put("HUMAN_AGENT", List.of("I blocked the card. Your balance is four hundred dollars.",
                "Yes, it will arrive in five days."));
        return lines;
    }
}
