package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.protobuf.Value;

/** The settings of a feature config that shape what an utterance gets, one at a time. */
class UtteranceSuggestionsTest {
    static final Knowledge KNOWLEDGE = Knowledge.parse(List.of("lost | Q lost? | Block it. Then call us.",
            "card | Q card? | Order one.", "balance | Q balance? | See the app.", "fee | Q fee? | See the list."));
    static final String KB = EmulatedCall.PARENT + "/knowledgeBases/emulated-faq";

    private final StoredConversation conversation = new StoredConversation(EmulatedCall.PARENT + "/conversations/abc",
            EmulatedCall.PROFILE, Conversation.ConversationStage.HUMAN_ASSIST_STAGE, Protos.timestamp(Instant.EPOCH));

    @Test
    void maxResultsAndConfidenceThresholdCapTheMatches() {
        assertEquals(4, faqAnswers("{\"suggestionFeature\": {\"type\": \"FAQ\"}}"), "up to 10 by default");
        assertEquals(2, faqAnswers("{\"suggestionFeature\": {\"type\": \"FAQ\"}, \"queryConfig\": {\"maxResults\": 2}}"));
        assertEquals(2, faqAnswers("{\"suggestionFeature\": {\"type\": \"FAQ\"}, "
                + "\"queryConfig\": {\"confidenceThreshold\": 0.7}}"), "0.9 and 0.77 pass, 0.65 does not");
    }

    @Test
    void onlyEndUserKeepsFaqArticlesAndDialogflowAssistForTheCustomersWords() {
        AssistProfile profile = profile(false, "{\"suggestionFeature\": {\"type\": \"FAQ\"}, "
                + "\"suggestionTriggerSettings\": {\"onlyEndUser\": true}}, {\"suggestionFeature\": {\"type\": "
                + "\"ARTICLE_SUGGESTION\"}, \"suggestionTriggerSettings\": {\"onlyEndUser\": true}}, "
                + "{\"suggestionFeature\": {\"type\": \"ENTITY_EXTRACTION\"}, \"suggestionTriggerSettings\": "
                + "{\"onlyEndUser\": true}}");
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_ENTITY_EXTRACTION_RESPONSE),
                kinds(respond(profile, Participant.Role.HUMAN_AGENT, "the lost card")),
                "the proto: only ARTICLE_SUGGESTION, FAQ and DIALOGFLOW_ASSIST use the trigger settings");
        assertEquals(3, kinds(respond(profile, Participant.Role.END_USER, "the lost card")).size());
    }

    @Test
    void notGroupedTheMessageComesFirstThenOneResponsePerResultAndRole() {
        AssistProfile profile = AssistProfilesTest.load(("{\"conversationProfiles\": [{\"name\": \"%s\", "
                + "\"humanAgentAssistantConfig\": {\"humanAgentSuggestionConfig\": {\"featureConfigs\": ["
                + "{\"suggestionFeature\": {\"type\": \"FAQ\"}}, {\"suggestionFeature\": {\"type\": \"SMART_REPLY\"}}]},"
                + "\"endUserSuggestionConfig\": {\"featureConfigs\": [{\"suggestionFeature\": {\"type\": \"FAQ\"}}],"
                + "\"groupSuggestionResponses\": true}}}]}").formatted(EmulatedCall.PROFILE), EmulatedCall.PROFILE)
                .of(EmulatedCall.PROFILE);
        List<StreamingAnalyzeContentResponse> responses = respond(profile, Participant.Role.END_USER, "lost card");
        assertEquals(3, responses.size());
        assertTrue(responses.get(0).hasMessage());
        assertEquals(0, responses.get(0).getHumanAgentSuggestionResultsCount(), "the agent's are not grouped");
        assertEquals(1, responses.get(0).getEndUserSuggestionResultsCount(), "the end user's are");
        assertTrue(responses.get(1).getHumanAgentSuggestionResults(0).hasSuggestFaqAnswersResponse());
        assertTrue(responses.get(2).getHumanAgentSuggestionResults(0).hasSuggestSmartRepliesResponse());
        assertFalse(responses.get(1).hasMessage());
    }

    @Test
    void nothingFoundNothingReturned() {
        AssistProfile profile = profile(true, "{\"suggestionFeature\": {\"type\": \"FAQ\"}}, "
                + "{\"suggestionFeature\": {\"type\": \"KNOWLEDGE_ASSIST\"}}");
        List<StreamingAnalyzeContentResponse> responses = respond(profile, Participant.Role.END_USER, "hello there");
        assertEquals(1, responses.size());
        assertEquals(0, responses.get(0).getHumanAgentSuggestionResultsCount());
    }

    @Test
    void knowledgeAssistSuggestsQueriesOnlyOrWithoutAnswerWhenAskedAndNeverTheSameTwice() {
        AssistProfile queryOnly = profile(true, "{\"suggestionFeature\": {\"type\": \"KNOWLEDGE_ASSIST\"}, "
                + "\"enableQuerySuggestionOnly\": true}");
        KnowledgeAssistAnswer answer = assist(respond(queryOnly, Participant.Role.END_USER, "my card"));
        assertEquals("Q card?", answer.getSuggestedQuery().getQueryText());
        assertFalse(answer.hasSuggestedQueryAnswer());
        assertTrue(respond(queryOnly, Participant.Role.HUMAN_AGENT, "the card").get(0)
                .getHumanAgentSuggestionResultsList().isEmpty(), "the same query again is not suggested");
        assertEquals("Q fee?", assist(respond(queryOnly, Participant.Role.END_USER, "a fee")).getSuggestedQuery()
                .getQueryText());

        AssistProfile whenNoAnswer = profile(true, "{\"suggestionFeature\": {\"type\": \"KNOWLEDGE_ASSIST\"}, "
                + "\"enableQuerySuggestionWhenNoAnswer\": true}");
        KnowledgeAssistAnswer unanswered = assist(respond(whenNoAnswer, Participant.Role.END_USER,
                "Hello. Where is my parcel? It is late."));
        assertEquals("Where is my parcel?", unanswered.getSuggestedQuery().getQueryText());
        assertFalse(unanswered.hasSuggestedQueryAnswer());
        assertTrue(respond(whenNoAnswer, Participant.Role.END_USER, "It is late.").get(0)
                .getHumanAgentSuggestionResultsList().isEmpty(), "no question, no query");
    }

    @Test
    void knowledgeAssistIsWithheldFromTheStreamWhenHighLatencyFeaturesAreNotDeliveredInSync() {
        AssistProfile withheld = AssistProfilesTest.load(("{\"conversationProfiles\": [{\"name\": \"%s\", "
                + "\"humanAgentAssistantConfig\": {\"humanAgentSuggestionConfig\": {\"featureConfigs\": ["
                + "{\"suggestionFeature\": {\"type\": \"KNOWLEDGE_ASSIST\"}}, {\"suggestionFeature\": {\"type\": \"FAQ\"}}],"
                + "\"disableHighLatencyFeaturesSyncDelivery\": true, \"groupSuggestionResponses\": true}}}]}")
                .formatted(EmulatedCall.PROFILE), EmulatedCall.PROFILE).of(EmulatedCall.PROFILE);
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_FAQ_ANSWERS_RESPONSE),
                kinds(respond(withheld, Participant.Role.END_USER, "lost card")));
    }

    @Test
    void aDocumentSourceNarrowsSmartRepliesToItsDocumentAndAnUnknownOneIsAnError() {
        AssistProfile known = profile(true, "{\"suggestionFeature\": {\"type\": \"SMART_REPLY\"}, \"queryConfig\": "
                + "{\"documentQuerySource\": {\"documents\": [\"" + KB + "/documents/card\"]}}}");
        var replies = respond(known, Participant.Role.END_USER, "lost card").get(0).getHumanAgentSuggestionResults(0)
                .getSuggestSmartRepliesResponse();
        assertEquals(List.of("Order one."), replies.getSmartReplyAnswersList().stream().map(r -> r.getReply()).toList());

        AssistProfile unknown = profile(true, "{\"suggestionFeature\": {\"type\": \"SMART_REPLY\"}, \"queryConfig\": "
                + "{\"documentQuerySource\": {\"documents\": [\"" + KB + "/documents/parcel\"]}}}");
        SuggestionResult error = respond(unknown, Participant.Role.END_USER, "hello").get(0)
                .getHumanAgentSuggestionResults(0);
        assertEquals(com.google.rpc.Code.NOT_FOUND_VALUE, error.getError().getCode());
        assertEquals("Document '" + KB + "/documents/parcel' not found.", error.getError().getMessage());
    }

    @Test
    void entityExtractionFindsTopicsAmountsAndNumbersAboveItsThreshold() {
        AssistProfile profile = profile(true, "{\"suggestionFeature\": {\"type\": \"ENTITY_EXTRACTION\"}}");
        var parameters = respond(profile, Participant.Role.END_USER, "The fee of $25 on order 1234 is wrong").get(0)
                .getHumanAgentSuggestionResults(0).getSuggestEntityExtractionResponse().getDialogflowAssistAnswers(0)
                .getQueryResult().getParameters();
        assertEquals(List.of("fee"), values(parameters.getFieldsOrThrow("topic")));
        assertEquals(List.of("$25"), values(parameters.getFieldsOrThrow("amount")));
        assertEquals(List.of("25", "1234"), values(parameters.getFieldsOrThrow("number")));

        AssistProfile strict = profile(true, "{\"suggestionFeature\": {\"type\": \"ENTITY_EXTRACTION\"}, "
                + "\"queryConfig\": {\"confidenceThreshold\": 0.9}}");
        assertTrue(respond(strict, Participant.Role.END_USER, "the fee").get(0).getHumanAgentSuggestionResultsList()
                .isEmpty());
    }

    private int faqAnswers(String feature) {
        return respond(profile(true, feature), Participant.Role.END_USER, "lost card balance fee").get(0)
                .getHumanAgentSuggestionResults(0).getSuggestFaqAnswersResponse().getFaqAnswersCount();
    }

    private List<StreamingAnalyzeContentResponse> respond(AssistProfile profile, Participant.Role role, String text) {
        Message message = Message.newBuilder().setName(conversation.name + "/messages/" + Ids.next()).setContent(text)
                .setLanguageCode("en-US").setParticipantRole(role).build();
        return UtteranceSuggestions.respond(message, profile, KNOWLEDGE, conversation);
    }

    /** A profile with these human agent feature configs. */
    static AssistProfile profile(boolean grouped, String featureConfigs) {
        return AssistProfilesTest.load(("{\"conversationProfiles\": [{\"name\": \"%s\", \"humanAgentAssistantConfig\": "
                + "{\"humanAgentSuggestionConfig\": {\"featureConfigs\": [%s], \"groupSuggestionResponses\": %s}}}]}")
                .formatted(EmulatedCall.PROFILE, featureConfigs, grouped), EmulatedCall.PROFILE)
                .of(EmulatedCall.PROFILE);
    }

    private static List<SuggestionResult.SuggestionResponseCase> kinds(List<StreamingAnalyzeContentResponse> responses) {
        return responses.stream().flatMap(r -> r.getHumanAgentSuggestionResultsList().stream())
                .map(SuggestionResult::getSuggestionResponseCase).toList();
    }

    private static KnowledgeAssistAnswer assist(List<StreamingAnalyzeContentResponse> responses) {
        return responses.get(0).getHumanAgentSuggestionResults(0).getSuggestKnowledgeAssistResponse()
                .getKnowledgeAssistAnswer();
    }

    private static List<String> values(Value list) {
        return list.getListValue().getValuesList().stream().map(Value::getStringValue).toList();
    }
}
