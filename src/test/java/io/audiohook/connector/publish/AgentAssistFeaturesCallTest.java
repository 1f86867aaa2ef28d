package io.audiohook.connector.publish;

import static io.audiohook.connector.publish.PublishTesting.SPEECH;
import static io.audiohook.connector.publish.PublishTesting.eventually;
import static io.audiohook.connector.publish.PublishTesting.hasFinished;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.emulator.EmulatorControl;
import io.audiohook.connector.publish.PublishTesting.Conversation;
import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.web.api.ApiRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every Agent Assist feature of the profile, through whole calls — AudioHook client → connector → Google's client
 * → emulator — out through the real Redis to a double of Google's UI connector: each suggestion kind reaches the
 * desktop for the role its profile enables it for and not for the other, and a summary follows {@code close end}
 * (published, kept, served by the API) but not a disconnect or a call too short to summarize, without ever delaying
 * {@code closed}.
 */
@QuarkusTest
class AgentAssistFeaturesCallTest extends ConnectorTest {
    private static final Logger LOG = Logger.getLogger(AgentAssistFeaturesCallTest.class);
    private static final String PROFILES = "projects/emulated-project/locations/us-central1/conversationProfiles/";
    private static final String ASSISTANT_EVENT = "human-agent-assistant-event";

    @Inject
    EmulatorControl emulator;
    @Inject
    TranscriptStore transcripts;
    @Inject
    MeterRegistry meters;

    @AfterEach
    void resetEmulator() {
        emulator.reset();
    }

    /** A whole speech call on {@code profile} (null: the default one), ended with {@code reason}, its desktop joined. */
    private List<UiConnectorDouble.Received> speechCall(UiConnectorDouble desktop, Conversation c, String profile,
            String reason) throws Exception {
        desktop.join(c.fullName());
        AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()).customConfig(
                TestCalls.customConfig(profile == null ? "{}" : "{\"conversationProfile\":\"" + PROFILES + profile
                        + "\"}")));
        await(client.open());
        await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
        await(client.close(reason));
        assertConformant(client);
        return desktop.received(c.fullName());
    }

    private static List<JsonNode> assistantEvents(List<UiConnectorDouble.Received> received) {
        return received.stream().filter(r -> r.dataType().equals(ASSISTANT_EVENT)).map(UiConnectorDouble.Received::data)
                .toList();
    }

    /** The kinds of suggestion result (their proto3 JSON field) in events for participants ending in {@code who}. */
    private static Set<String> kinds(List<JsonNode> events, String participant) {
        Set<String> kinds = new TreeSet<>();
        for (JsonNode event : events) {
            if (event.get("participant").asText().equals(participant)) {
                event.get("suggestionResults").forEach(result -> result.fieldNames().forEachRemaining(kinds::add));
            }
        }
        return kinds;
    }

    private double summaries(String outcome) {
        io.micrometer.core.instrument.Counter counter = meters.find("audiohook.assist.summaries")
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everySuggestionKindOfTheProfileReachesTheDesktop() throws Exception {
        Conversation c = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            speechCall(desktop, c, "emulated-all-kinds", "end");
            eventually("FINISHED reached the desktop", () -> hasFinished(desktop.received(c.fullName())));
            // what the utterances produced: the summary at the end is the next tests'
            List<JsonNode> events = assistantEvents(desktop.received(c.fullName())).stream()
                    .filter(e -> !isSummary(e)).toList();
            Set<String> all = new TreeSet<>();
            events.forEach(e -> e.get("suggestionResults").forEach(r -> r.fieldNames().forEachRemaining(all::add)));
            Set<String> generated = new TreeSet<>();
            events.forEach(e -> e.at("/suggestionResults/0/generateSuggestionsResponse/generatorSuggestionAnswers")
                    .forEach(a -> a.get("generatorSuggestion").fieldNames().forEachRemaining(generated::add)));
            assertEquals(Set.of("freeFormSuggestion", "agentCoachingSuggestion"), generated,
                    "the profile's generators, on every utterance");
            LOG.infof("kinds published: %s", all);
            // the profile's article suggestion names a knowledge base that does not exist: its place is an error
            // (articles themselves reach the desktop in the next test)
            assertEquals(Set.of("error", "suggestKnowledgeAssistResponse", "suggestFaqAnswersResponse",
                    "suggestSmartRepliesResponse", "suggestDialogflowAssistsResponse", "suggestEntityExtractionResponse",
                    "generateSuggestionsResponse"), all);
            assertTrue(events.stream().allMatch(e -> e.get("suggestionResults").size() == 1),
                    "not grouped: one result per event, as Dialogflow sends them");
            for (JsonNode event : events) {
                assertEquals(c.fullName(), event.get("conversation").asText(), "the full name, as Dialogflow sends it");
                assertTrue(event.get("participant").asText().startsWith(c.fullName() + "/participants/"));
            }
        }
        Transcript kept = transcripts.read(c.fullName()).await().indefinitely();
        assertFalse(kept.suggestions().isEmpty());
        for (SuggestionEntry s : kept.suggestions()) {
            // an error result names no message: it takes the last one of the stream that delivered it
            assertTrue(kept.utterances().stream().anyMatch(u -> u.messageName().equals(s.message())),
                    "kept next to the utterance that triggered it: " + s);
        }
    }

    @Test
    void aFeatureReachesOnlyTheRoleItsProfileEnablesItFor() throws Exception {
        Conversation c = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            speechCall(desktop, c, "emulated-roles", "end");
            eventually("FINISHED reached the desktop", () -> hasFinished(desktop.received(c.fullName())));
            List<JsonNode> events = assistantEvents(desktop.received(c.fullName()));
            Transcript kept = transcripts.read(c.fullName()).await().indefinitely();
            String agent = kept.utterances().stream().filter(u -> u.role().equals("HUMAN_AGENT")).findFirst()
                    .orElseThrow().participant();
            String customer = kept.utterances().stream().filter(u -> u.role().equals("END_USER")).findFirst()
                    .orElseThrow().participant();
            assertEquals(Set.of("suggestKnowledgeAssistResponse", "suggestSmartRepliesResponse"), kinds(events, agent),
                    "the human agent's features only");
            assertEquals(Set.of("suggestArticlesResponse", "suggestFaqAnswersResponse"), kinds(events, customer),
                    "the end user's features only");
            assertTrue(kept.suggestions().stream().anyMatch(s -> s.role().equals("END_USER")
                    && s.participant().equals(customer)));
        }
    }

    private static boolean isSummary(JsonNode event) {
        return !event.at("/suggestionResults/0/generateSuggestionsResponse/generatorSuggestionAnswers/0"
                + "/generatorSuggestion/summarySuggestion").isMissingNode();
    }

    private static List<JsonNode> summaryEvents(List<UiConnectorDouble.Received> received) {
        return assistantEvents(received).stream().filter(AgentAssistFeaturesCallTest::isSummary).toList();
    }

    private static io.restassured.response.Response summaryApi(Conversation c) {
        return ApiRequests.asDesktop().get("/api/v1/conversations/" + c.genesysId() + "/summary");
    }

    @Test
    void aSummaryFollowsCloseEndReachesTheDesktopBeforeTheEndAndIsServed() throws Exception {
        double published = summaries("published");
        Conversation c = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            speechCall(desktop, c, null, "end");
            eventually("FINISHED reached the desktop", () -> hasFinished(desktop.received(c.fullName())));
            List<UiConnectorDouble.Received> got = desktop.received(c.fullName());
            List<JsonNode> summaries = summaryEvents(got);
            assertEquals(1, summaries.size(), "one summary: " + summaries);
            int summaryAt = got.stream().map(UiConnectorDouble.Received::data).toList().indexOf(summaries.get(0));
            int finishedAt = got.size() - 1;
            assertEquals("CONVERSATION_FINISHED", got.get(finishedAt).data().get("type").asText());
            assertTrue(summaryAt < finishedAt, "summarized before the conversation is completed");
            JsonNode sections = summaries.get(0).at("/suggestionResults/0/generateSuggestionsResponse"
                    + "/generatorSuggestionAnswers/0/generatorSuggestion/summarySuggestion/summarySections");
            List<String> names = new java.util.ArrayList<>();
            sections.forEach(section -> names.add(section.get("section").asText()));
            assertTrue(names.containsAll(List.of("situation", "action", "resolution")), names.toString());
            LOG.infof("summary as published: %s", summaries.get(0));

            eventually("the summary is served", () -> summaryApi(c).statusCode() == 200);
            JsonNode served = ApiRequests.json(summaryApi(c));
            assertEquals(c.key(), served.get("conversation").asText());
            assertEquals("suggestConversationSummary", served.get("source").asText());
            assertEquals(sections.size(), served.get("sections").size());
            for (int i = 0; i < sections.size(); i++) {
                assertEquals(sections.get(i).get("section").asText(), served.at("/sections/" + i + "/section").asText());
                assertEquals(sections.get(i).get("summary").asText(), served.at("/sections/" + i + "/summary").asText());
            }
            String situation = served.at("/sections/0/summary").asText();
            assertTrue(situation.toLowerCase(java.util.Locale.ROOT).contains("card"),
                    "made of what the customer said: " + situation);
        }
        assertEquals(published + 1, summaries("published"));
    }

    @Test
    void aGeneratorBasedProfileIsSummarizedByItsSummarizationGenerator() throws Exception {
        Conversation c = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            speechCall(desktop, c, "emulated-generators", "end");
            eventually("FINISHED reached the desktop", () -> hasFinished(desktop.received(c.fullName())));
            List<JsonNode> summaries = summaryEvents(desktop.received(c.fullName()));
            assertFalse(summaries.isEmpty(), "the generator's summary was published");
            JsonNode answer = summaries.get(summaries.size() - 1)
                    .at("/suggestionResults/0/generateSuggestionsResponse/generatorSuggestionAnswers/0");
            assertTrue(answer.get("sourceGenerator").asText().startsWith(
                    "projects/emulated-project/locations/us-central1/generators/"), answer.toString());
        }
        eventually("the summary is served", () -> summaryApi(c).statusCode() == 200);
        JsonNode served = ApiRequests.json(summaryApi(c));
        assertEquals("generateSuggestions", served.get("source").asText());
        assertTrue(served.get("generator").asText().contains("/generators/"));
        assertTrue(served.get("sections").size() > 0);
    }

    @Test
    void noSummaryAfterADisconnectNorForACallTooShortNorWithoutSummarization() throws Exception {
        double skippedShort = summaries("skipped_short");
        double skippedNone = summaries("skipped_no_summarization");
        Conversation disconnected = Conversation.create();
        Conversation tooShort = Conversation.create();
        Conversation noFeature = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            speechCall(desktop, disconnected, null, "disconnect");

            desktop.join(tooShort.fullName());
            AudioHookClient client = connect(call(endpoint).conversationId(tooShort.genesysId()));
            await(client.open());
            // the customer's first words only: one utterance
            WavAudioSource.Wav firstWords = new WavAudioSource.Wav(SPEECH.encoding(), SPEECH.channels(),
                    SPEECH.sampleRate(), java.util.Arrays.copyOf(SPEECH.data(), 34 * SPEECH.frameBytes() * 800));
            await(client.streamAudio(firstWords.newSource(), Duration.ofMillis(200), false));
            await(client.close("end"));

            speechCall(desktop, noFeature, "emulated-no-summary", "end");

            eventually("the short call's conversation ended", () -> hasFinished(desktop.received(tooShort.fullName())));
            eventually("the call without summarization ended", () -> hasFinished(desktop.received(noFeature.fullName())));
            // the disconnected conversation is completed after its grace (2 s in tests), never summarized
            eventually("the disconnected conversation is completed after its grace",
                    () -> hasFinished(desktop.received(disconnected.fullName())));
            for (Conversation c : List.of(disconnected, tooShort, noFeature)) {
                assertEquals(List.of(), summaryEvents(desktop.received(c.fullName())), c.genesysId());
                assertEquals(404, summaryApi(c).statusCode());
            }
        }
        assertEquals(skippedShort + 1, summaries("skipped_short"));
        assertEquals(skippedNone + 1, summaries("skipped_no_summarization"));
    }

    @Test
    void aSlowSummaryNeverDelaysClosed() throws Exception {
        emulator.setSummaryLatency(Duration.ofSeconds(4));
        Conversation c = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            desktop.join(c.fullName());
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            await(client.open());
            await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
            long closing = System.nanoTime();
            await(client.close("end"));
            long closedAfter = System.nanoTime() - closing;
            assertTrue(closedAfter < Duration.ofSeconds(4).toNanos(), "closed came "
                    + closedAfter / 1_000_000 + " ms after close: before the summary could have been made");
            assertEquals(List.of(), summaryEvents(desktop.received(c.fullName())), "the summary is still being made");
            eventually("the slow summary arrives after closed", () -> !summaryEvents(desktop.received(c.fullName()))
                    .isEmpty());
            long summaryAfter = System.nanoTime() - closing;
            LOG.infof("closed %d ms after close; the summary %d ms after close", closedAfter / 1_000_000,
                    summaryAfter / 1_000_000);
            assertTrue(summaryAfter >= Duration.ofSeconds(4).toNanos());
            eventually("then the conversation is completed", () -> hasFinished(desktop.received(c.fullName())));
        }
    }

    @Test
    void aSummaryThatTakesTooLongIsGivenUpAndTheConversationCompletedAnyway() throws Exception {
        double timedOut = summaries("timed_out");
        emulator.setSummaryLatency(Duration.ofSeconds(9)); // the %test deadline is 6 s
        Conversation c = Conversation.create();
        try (UiConnectorDouble desktop = new UiConnectorDouble(redisPort)) {
            speechCall(desktop, c, null, "end");
            long closed = System.nanoTime();
            eventually("the conversation is completed without its summary",
                    () -> hasFinished(desktop.received(c.fullName())));
            long finishedAfter = System.nanoTime() - closed;
            assertTrue(finishedAfter < Duration.ofSeconds(9).toNanos(), "completed after the deadline, not after the "
                    + "slow answer: " + finishedAfter / 1_000_000 + " ms after closed");
            assertEquals(List.of(), summaryEvents(desktop.received(c.fullName())));
        }
        assertEquals(timedOut + 1, summaries("timed_out"));
        assertEquals(404, summaryApi(c).statusCode());
    }
}
