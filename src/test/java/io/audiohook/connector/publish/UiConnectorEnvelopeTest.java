package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.Sentiment;
import com.google.cloud.dialogflow.v2beta1.SentimentAnalysisResult;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.cloud.dialogflow.v2beta1.SuggestKnowledgeAssistResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;

import io.audiohook.connector.assist.ConversationLifecycle;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.assist.Suggestions;

/**
 * The envelope against the examples of the contract (agent-assist-contract.md §2.4, copied to
 * {@code src/test/resources/publish}): same inputs, same bytes once the example is written without whitespace.
 */
class UiConnectorEnvelopeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FULL = "projects/my-proj/locations/us-central1/conversations/a3f2c1d0-1111-2222-3333-444455556666";
    private static final String KEY = "projects/my-proj/conversations/a3f2c1d0-1111-2222-3333-444455556666";
    private static final Instant ACK = Instant.parse("2026-01-01T10:00:05.987Z");
    private static final Instant PUBLISHED = Instant.parse("2026-01-01T10:00:05.123456Z");

    @Test
    void keysDropTheLocationLikeGooglesHelper() {
        assertEquals(KEY, ConversationKeys.withoutLocation(FULL));
        assertEquals(KEY, ConversationKeys.withoutLocation(KEY));
        assertEquals("projects/p/conversations/c", ConversationKeys.withoutLocation("projects/p/locations/global/conversations/c"));
        assertEquals("203845.11961787235-1767225600.123456:" + KEY,
                ConversationKeys.channel("203845.11961787235-1767225600.123456", KEY));
        assertEquals("aa-connector:transcript:" + KEY, ConversationKeys.transcript("aa-connector:", FULL));
    }

    @Test
    void lifecycleMatchesTheExample() throws IOException {
        Notification n = Notification.of(new ConversationLifecycle(FULL, ConversationEvent.Type.CONVERSATION_STARTED, 0));
        assertExample("lifecycle.json", UiConnectorEnvelope.render(KEY, n, ACK, PUBLISHED, "100000000000001"));
    }

    @Test
    void recognitionResultMatchesTheExample() throws IOException {
        StreamingRecognitionResult interim = StreamingRecognitionResult.newBuilder()
                .setMessageType(StreamingRecognitionResult.MessageType.TRANSCRIPT)
                .setTranscript("I would like to check my")
                .setStability(0.8f)
                .setSpeechEndOffset(Duration.newBuilder().setSeconds(3).setNanos(420_000_000))
                .setLanguageCode("en-us")
                .build();
        Notification n = Notification.of(new RecognitionResult(FULL, Participant.Role.END_USER,
                FULL + "/participants/EUsr0000000000000002", interim, "EUsr-utt-0007",
                new io.audiohook.connector.assist.Placement(0, 0, new long[0], new long[0]), "en-US", 0));
        String envelope = UiConnectorEnvelope.render(KEY, n, ACK, PUBLISHED, "100000000000002");
        assertExample("recognition.json", envelope);
        assertTrue(!n.data().contains("isFinal"), "an interim result has no isFinal key");
    }

    @Test
    void newMessageMatchesTheExample() throws IOException {
        Message message = Message.newBuilder()
                .setName(FULL + "/messages/CiQ3NjM0")
                .setContent("I would like to check my balance.")
                .setLanguageCode("en-US")
                .setParticipant(FULL + "/participants/EUsr0000000000000002")
                .setParticipantRole(Participant.Role.END_USER)
                .setCreateTime(Timestamp.newBuilder().setSeconds(Instant.parse("2026-01-01T10:00:05Z").getEpochSecond())
                        .setNanos(123_000_000))
                .setSendTime(Timestamp.newBuilder().setSeconds(Instant.parse("2026-01-01T10:00:01Z").getEpochSecond())
                        .setNanos(900_000_000))
                .setSentimentAnalysis(SentimentAnalysisResult.newBuilder()
                        .setQueryTextSentiment(Sentiment.newBuilder().setScore(-0.3f).setMagnitude(0.3f)))
                .build();
        Notification n = Notification.of(new NewMessage(FULL, message, 0));
        // the example puts sendTime before sentimentAnalysis; proto3 JSON follows the declaration order
        assertExampleWithDataAsJson("message.json", UiConnectorEnvelope.render(KEY, n, ACK, PUBLISHED, "100000000000003"));
    }

    /** The example lists a snippet's fields as {@code uri, title, text}; the proto declares {@code uri, text, title}. */
    @Test
    void suggestionsMatchTheExample() throws IOException {
        KnowledgeAssistAnswer answer = KnowledgeAssistAnswer.newBuilder()
                .setSuggestedQuery(KnowledgeAssistAnswer.SuggestedQuery.newBuilder().setQueryText("How do I check my balance?"))
                .setSuggestedQueryAnswer(KnowledgeAssistAnswer.KnowledgeAnswer.newBuilder()
                        .setAnswerText("Open the app and tap Accounts.")
                        .setGenerativeSource(KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource.newBuilder()
                                .addSnippets(KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource.Snippet.newBuilder()
                                        .setUri("https://example.com/faq").setTitle("FAQ").setText("..."))))
                .setAnswerRecord("projects/my-proj/locations/us-central1/answerRecords/r1")
                .build();
        SuggestionResult result = SuggestionResult.newBuilder()
                .setSuggestKnowledgeAssistResponse(SuggestKnowledgeAssistResponse.newBuilder()
                        .setKnowledgeAssistAnswer(answer)
                        .setLatestMessage(FULL + "/messages/CiQ3NjM0")
                        .setContextSize(3))
                .build();
        Notification n = Notification.of(new Suggestions(FULL, Participant.Role.HUMAN_AGENT,
                FULL + "/participants/HAgt0000000000000001", FULL + "/messages/CiQ3NjM0", List.of(result), 0));
        assertExampleWithDataAsJson("suggestions.json",
                UiConnectorEnvelope.render(KEY, n, ACK, PUBLISHED, "100000000000004"));
    }

    @Test
    void timesAreUtcWithSecondsAndMillis() {
        assertEquals("2026-01-01T10:00:05Z", UiConnectorEnvelope.ackTime(Instant.parse("2026-01-01T10:00:05.999Z")));
        assertEquals("2026-01-01T10:00:05.000Z", UiConnectorEnvelope.publishTime(Instant.parse("2026-01-01T10:00:05Z")));
        assertEquals("2026-01-01T10:00:05.123Z", UiConnectorEnvelope.publishTime(PUBLISHED));
    }

    @Test
    void recognitionAttributesAreEmptyStringsWhenUnknown() throws IOException {
        Notification n = new Notification(DataType.NEW_RECOGNITION_RESULT, "{}", null, null);
        JsonNode envelope = MAPPER.readTree(UiConnectorEnvelope.render(KEY, n, ACK, PUBLISHED, "1"));
        assertEquals("", envelope.get("participant_role").asText());
        assertEquals("", envelope.get("new_recognition_result_message_id").asText());
    }

    @Test
    void textIsEscapedIntoValidJson() throws IOException {
        Message message = Message.newBuilder().setContent("Ünïcode \"quoted\" \\ line\nbreak").build();
        Notification n = Notification.of(new NewMessage(FULL, message, 0));
        JsonNode envelope = MAPPER.readTree(UiConnectorEnvelope.render(KEY, n, ACK, PUBLISHED, "5"));
        assertEquals("Ünïcode \"quoted\" \\ line\nbreak",
                MAPPER.readTree(envelope.get("data").asText()).get("newMessagePayload").get("content").asText());
    }

    @Test
    void messageIdsAreUniqueDecimals() {
        MessageIds ids = new MessageIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            assertTrue(id.matches("[1-9][0-9]{17}"), id);
            assertTrue(seen.add(id));
        }
        assertNotEquals(new MessageIds().next(), new MessageIds().next(), "seeded per instance");
    }

    private static void assertExample(String example, String envelope) throws IOException {
        String expected = MAPPER.writeValueAsString(MAPPER.readTree(resource(example)));
        assertEquals(expected, envelope);
    }

    /**
     * Where the example orders the keys inside {@code data} differently from the proto's declaration order (which
     * JsonFormat follows, and no JSON consumer depends on): {@code data} must parse to the same JSON, and every
     * other byte of the envelope must match.
     */
    private static void assertExampleWithDataAsJson(String example, String envelope) throws IOException {
        JsonNode expected = MAPPER.readTree(resource(example));
        JsonNode actual = MAPPER.readTree(envelope);
        assertEquals(MAPPER.readTree(expected.get("data").asText()), MAPPER.readTree(actual.get("data").asText()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("data", actual.get("data").asText());
        assertEquals(MAPPER.writeValueAsString(expected), envelope);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UiConnectorEnvelopeTest.class.getResourceAsStream("/publish/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

}
