package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.dialogflow.v2beta1.AgentCoachingSuggestion;
import com.google.cloud.dialogflow.v2beta1.ArticleAnswer;
import com.google.cloud.dialogflow.v2beta1.DialogflowAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.GeneratorSuggestion;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantEvent;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.QueryResult;
import com.google.cloud.dialogflow.v2beta1.SmartReplyAnswer;
import com.google.cloud.dialogflow.v2beta1.SuggestArticlesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestDialogflowAssistsResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestFaqAnswersResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestKnowledgeAssistResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestSmartRepliesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.protobuf.util.JsonFormat;

import io.audiohook.connector.assist.ConversationSummary;
import io.audiohook.connector.assist.Suggestions;

/**
 * Every case of {@code SuggestionResult} goes to the desktop as Dialogflow's Pub/Sub notification carries it: the
 * proto3 JSON of a {@code HumanAgentAssistantEvent}, read back into the same message; and the same results are kept
 * in the durable transcript next to their utterance.
 */
class SuggestionNotificationsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONVERSATION = "projects/p/locations/us-central1/conversations/a1";
    private static final String MESSAGE = CONVERSATION + "/messages/m1";
    private static final String RECORD = "projects/p/locations/us-central1/answerRecords/r1";

    static List<SuggestionResult> everyKind() {
        return List.of(
                SuggestionResult.newBuilder().setError(com.google.rpc.Status.newBuilder().setCode(5)
                        .setMessage("Knowledge base not found.")).build(),
                SuggestionResult.newBuilder().setSuggestArticlesResponse(SuggestArticlesResponse.newBuilder()
                        .addArticleAnswers(ArticleAnswer.newBuilder().setTitle("Lost cards").setUri("https://kb/lost")
                                .addSnippets("Block the card.").putMetadata("k", "v")
                                .setAnswerRecord(RECORD))
                        .setLatestMessage(MESSAGE).setContextSize(1)).build(),
                SuggestionResult.newBuilder().setSuggestKnowledgeAssistResponse(SuggestKnowledgeAssistResponse
                        .newBuilder().setKnowledgeAssistAnswer(KnowledgeAssistAnswer.newBuilder()
                                .setSuggestedQuery(KnowledgeAssistAnswer.SuggestedQuery.newBuilder()
                                        .setQueryText("How do I report a lost card?"))
                                .setSuggestedQueryAnswer(KnowledgeAssistAnswer.KnowledgeAnswer.newBuilder()
                                        .setAnswerText("Block it in the app.")
                                        .setGenerativeSource(KnowledgeAssistAnswer.KnowledgeAnswer.GenerativeSource
                                                .newBuilder().addSnippets(KnowledgeAssistAnswer.KnowledgeAnswer
                                                        .GenerativeSource.Snippet.newBuilder().setUri("https://kb/lost")
                                                        .setTitle("Lost cards").setText("Block the card."))))
                                .setAnswerRecord(RECORD))
                        .setLatestMessage(MESSAGE).setContextSize(2)).build(),
                SuggestionResult.newBuilder().setSuggestFaqAnswersResponse(SuggestFaqAnswersResponse.newBuilder()
                        .addFaqAnswers(FaqAnswer.newBuilder().setQuestion("q").setAnswer("a").setConfidence(0.9f))
                        .setLatestMessage(MESSAGE)).build(),
                SuggestionResult.newBuilder().setSuggestSmartRepliesResponse(SuggestSmartRepliesResponse.newBuilder()
                        .addSmartReplyAnswers(SmartReplyAnswer.newBuilder().setReply("Sure.").setConfidence(0.8f))
                        .setLatestMessage(MESSAGE)).build(),
                SuggestionResult.newBuilder().setSuggestDialogflowAssistsResponse(SuggestDialogflowAssistsResponse
                        .newBuilder().addDialogflowAssistAnswers(DialogflowAssistAnswer.newBuilder()
                                .setQueryResult(QueryResult.newBuilder().setQueryText("lost card")
                                        .setFulfillmentText("Block it.")))
                        .setLatestMessage(MESSAGE)).build(),
                SuggestionResult.newBuilder().setSuggestEntityExtractionResponse(SuggestDialogflowAssistsResponse
                        .newBuilder().addDialogflowAssistAnswers(DialogflowAssistAnswer.newBuilder()
                                .setQueryResult(QueryResult.newBuilder().setParameters(com.google.protobuf.Struct
                                        .newBuilder().putFields("topic", com.google.protobuf.Value.newBuilder()
                                                .setStringValue("card").build()))))
                        .setLatestMessage(MESSAGE)).build(),
                SuggestionResult.newBuilder().setGenerateSuggestionsResponse(GenerateSuggestionsResponse.newBuilder()
                        .addGeneratorSuggestionAnswers(GenerateSuggestionsResponse.GeneratorSuggestionAnswer
                                .newBuilder().setGeneratorSuggestion(GeneratorSuggestion.newBuilder()
                                        .setAgentCoachingSuggestion(AgentCoachingSuggestion.newBuilder()
                                                .addSampleResponses(AgentCoachingSuggestion.SampleResponse.newBuilder()
                                                        .setResponseText("I can help with that."))))
                                .setSourceGenerator("projects/p/locations/us-central1/generators/coach"))
                        .setLatestMessage(MESSAGE)).build());
    }

    @Test
    void everyKindReadsBackAsTheSameEvent() throws IOException {
        for (SuggestionResult result : everyKind()) {
            Suggestions suggestions = new Suggestions(CONVERSATION, Participant.Role.HUMAN_AGENT,
                    CONVERSATION + "/participants/agent", MESSAGE, List.of(result), 0);
            Notification n = Notification.of(suggestions);
            assertEquals(DataType.HUMAN_AGENT_ASSISTANT, n.type());
            HumanAgentAssistantEvent.Builder back = HumanAgentAssistantEvent.newBuilder();
            JsonFormat.parser().merge(n.data(), back);
            assertEquals(HumanAgentAssistantEvent.newBuilder().setConversation(CONVERSATION)
                    .setParticipant(CONVERSATION + "/participants/agent").addSuggestionResults(result).build(),
                    back.build(), result.getSuggestionResponseCase().name());
            assertTrue(n.data().startsWith("{\"conversation\":"), "compact proto3 JSON: " + n.data());
        }
    }

    @Test
    void theSummaryReachesTheDesktopAsAGeneratorsSummarySuggestion() throws IOException {
        ConversationSummary summary = new ConversationSummary(CONVERSATION, CONVERSATION + "/participants/agent",
                ConversationSummary.SUGGEST_CONVERSATION_SUMMARY, "", List.of(
                        new ConversationSummary.Section("situation", "Lost card."),
                        new ConversationSummary.Section("resolution", "RESOLVED")),
                "situation: Lost card.\nresolution: RESOLVED", RECORD, MESSAGE, 0);
        JsonNode data = MAPPER.readTree(Notification.of(summary).data());
        JsonNode sections = data.at("/suggestionResults/0/generateSuggestionsResponse/generatorSuggestionAnswers/0"
                + "/generatorSuggestion/summarySuggestion/summarySections");
        assertEquals("situation", sections.get(0).get("section").asText());
        assertEquals("RESOLVED", sections.get(1).get("summary").asText());
        assertEquals(CONVERSATION + "/participants/agent", data.get("participant").asText());

        SummaryEntry kept = (SummaryEntry) new TranscriptLines().record(summary, Notification.of(summary)).orElseThrow();
        SummaryEntry read = (SummaryEntry) TranscriptRecord.fromFields("1-0", flat(kept.fields())).orElseThrow();
        assertEquals("1-0", read.id());
        assertEquals(kept.text(), read.text());
        assertEquals(List.of(Map.of("section", "situation", "summary", "Lost card."),
                Map.of("section", "resolution", "summary", "RESOLVED")), MAPPER.readValue(read.sections(), List.class));
        assertEquals(ConversationSummary.SUGGEST_CONVERSATION_SUMMARY, read.source());
    }

    @Test
    void theTranscriptKeepsEveryResultNextToItsMessage() throws IOException {
        Suggestions suggestions = new Suggestions(CONVERSATION, Participant.Role.END_USER,
                CONVERSATION + "/participants/customer", MESSAGE, everyKind(), 0);
        SuggestionEntry kept = (SuggestionEntry) new TranscriptLines().record(suggestions, Notification.of(suggestions)).orElseThrow();
        SuggestionEntry read = (SuggestionEntry) TranscriptRecord.fromFields("2-0", flat(kept.fields())).orElseThrow();
        assertEquals(MESSAGE, read.message());
        assertEquals("END_USER", read.role());
        JsonNode results = MAPPER.readTree(read.results());
        assertEquals(everyKind().size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            SuggestionResult.Builder back = SuggestionResult.newBuilder();
            JsonFormat.parser().merge(results.get(i).toString(), back);
            assertEquals(everyKind().get(i), back.build());
        }
        // an utterance written before suggestions were kept has no kind and reads as before
        TranscriptRecord old = TranscriptRecord.fromFields("3-0", List.of("role", "END_USER", "text", "hi",
                "message", MESSAGE)).orElseThrow();
        assertEquals("hi", ((TranscriptEntry) old).text());
        assertEquals(java.util.Optional.empty(), TranscriptRecord.fromFields("4-0", List.of("kind", "sentiment-trend",
                "text", "…")), "a kind of a newer version is left out, not shown as an utterance");
    }

    private static List<String> flat(Map<String, String> fields) {
        return fields.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toList();
    }
}
