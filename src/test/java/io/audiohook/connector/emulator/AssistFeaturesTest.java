package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AgentCoachingSuggestion;
import com.google.cloud.dialogflow.v2beta1.ArticleAnswer;
import com.google.cloud.dialogflow.v2beta1.DialogflowAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.KnowledgeAssistAnswer;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.protobuf.Value;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every Agent Assist feature of a conversation's profile, through Google's client over real gRPC: what comes back
 * after each finalized utterance is what the profile enables for each role, in its order and shape.
 */
@QuarkusTest
class AssistFeaturesTest extends EmulatorTesting {
    static final String KNOWLEDGE_BASE = EmulatedCall.PARENT + "/knowledgeBases/emulated-faq";
    final EmulatedCall.Fixture fixture = EmulatedCall.Fixture.load();

    /** What followed one message: its own response first, then any separate suggestion responses. */
    record Answered(Message message, List<SuggestionResult> forAgent, List<SuggestionResult> forCustomer,
            int responses) {
    }

    @Test
    void theDefaultProfileSuggestsToTheAgentInOneResponseWithTheMessage() {
        List<Answered> customer = answered(AnalyzeCall.speak(df.participants, call.customer(), fixture.customer()));
        Answered lostCard = customer.get(0); // "Hi, I lost my bank card. What is my balance?"
        assertEquals(1, lostCard.responses(), "grouped: the message carries every suggestion");
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_FAQ_ANSWERS_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_KNOWLEDGE_ASSIST_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_ARTICLES_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_SMART_REPLIES_RESPONSE), kinds(lostCard.forAgent()),
                "in the order of the feature configs; the summarization feature suggests nothing per utterance");
        var faq = lostCard.forAgent().get(0).getSuggestFaqAnswersResponse();
        assertEquals(3, faq.getFaqAnswersCount(), "max_results 3 of lost, card, balance");
        assertEquals(KNOWLEDGE_BASE + "/documents/lost", faq.getFaqAnswers(0).getSource());
        assertEquals(lostCard.message().getName(), faq.getLatestMessage());
        assertEquals(1, faq.getContextSize());

        KnowledgeAssistAnswer assist = lostCard.forAgent().get(1).getSuggestKnowledgeAssistResponse()
                .getKnowledgeAssistAnswer();
        assertEquals("How do I report a lost or stolen card?", assist.getSuggestedQuery().getQueryText());
        assertTrue(assist.getSuggestedQueryAnswer().getAnswerText().startsWith("Block the card at once"));
        var snippet = assist.getSuggestedQueryAnswer().getGenerativeSource().getSnippets(0);
        assertEquals("Lost or stolen cards", snippet.getTitle());
        assertEquals("https://example.com/emulated-faq/lost", snippet.getUri());
        assertTrue(assist.getAnswerRecord().startsWith(EmulatedCall.PARENT + "/answerRecords/"));

        ArticleAnswer article = lostCard.forAgent().get(2).getSuggestArticlesResponse().getArticleAnswers(1);
        assertEquals("Ordering a card", article.getTitle());
        assertEquals("https://example.com/emulated-faq/card", article.getUri());
        assertTrue(article.getSnippets(0).startsWith("A new card can be ordered"));
        assertEquals(KNOWLEDGE_BASE + "/documents/card", article.getMetadataOrThrow("document"));

        assertEquals("Block the card at once in the app or by phone.", lostCard.forAgent().get(3)
                .getSuggestSmartRepliesResponse().getSmartReplyAnswers(0).getReply());
        assertEquals(1, lostCard.forCustomer().get(0).getSuggestFaqAnswersResponse().getFaqAnswersCount(),
                "the end user's FAQ, max_results 1");

        Answered newCard = customer.get(1); // "Thanks. Can I get a new card?"
        assertEquals("How do I order a new card?", newCard.forAgent().get(1).getSuggestKnowledgeAssistResponse()
                .getKnowledgeAssistAnswer().getSuggestedQuery().getQueryText());

        List<Answered> agent = answered(AnalyzeCall.speak(df.participants, call.agent(), fixture.agent()));
        Answered blocked = agent.get(0); // "I blocked the card. Your balance is four hundred dollars."
        assertEquals(List.of(), kinds(blocked.forAgent()), "FAQ and articles only after the end user (only_end_user), "
                + "smart replies reply to the customer, and knowledge assist's best query (the new card) was the "
                + "last one suggested: 'Suggestion is made only if it is different from the previous suggestion.'");
        assertEquals(1, blocked.forCustomer().size(), "the end user's FAQ has no trigger settings");
        assertEquals(List.of(), agent.get(1).forAgent(), "nothing in 'Yes, it will arrive in five days.'");
    }

    @Test
    void eachRoleGetsWhatItsSuggestionConfigEnables() {
        EmulatedCall roles = EmulatedCall.create(df, EmulatedCall.ROLES);
        Answered lostCard = answered(AnalyzeCall.speak(df.participants, roles.customer(), fixture.customer())).get(0);
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_SMART_REPLIES_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_KNOWLEDGE_ASSIST_RESPONSE), kinds(lostCard.forAgent()));
        assertEquals(2, lostCard.forAgent().get(0).getSuggestSmartRepliesResponse().getSmartReplyAnswersCount(),
                "max_results 2");
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_ARTICLES_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_FAQ_ANSWERS_RESPONSE), kinds(lostCard.forCustomer()));
        assertEquals(3, lostCard.forCustomer().get(1).getSuggestFaqAnswersResponse().getFaqAnswersCount(),
                "max_results unset: up to 10");
    }

    @Test
    void everyKindInItsOwnResponseWhenNotGrouped() {
        EmulatedCall all = EmulatedCall.create(df, EmulatedCall.ALL_KINDS);
        List<Answered> customer = answered(AnalyzeCall.speak(df.participants, all.customer(), fixture.customer()));
        Answered lostCard = customer.get(0);
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_FAQ_ANSWERS_RESPONSE,
                SuggestionResult.SuggestionResponseCase.ERROR,
                SuggestionResult.SuggestionResponseCase.SUGGEST_SMART_REPLIES_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_KNOWLEDGE_ASSIST_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_DIALOGFLOW_ASSISTS_RESPONSE,
                SuggestionResult.SuggestionResponseCase.SUGGEST_ENTITY_EXTRACTION_RESPONSE,
                SuggestionResult.SuggestionResponseCase.GENERATE_SUGGESTIONS_RESPONSE), kinds(lostCard.forAgent()));
        assertEquals(1 + 7, lostCard.responses(), "the message first, then one response per result");

        com.google.rpc.Status error = lostCard.forAgent().get(1).getError();
        assertEquals(com.google.rpc.Code.NOT_FOUND_VALUE, error.getCode());
        assertEquals("Knowledge base '" + EmulatedCall.PARENT + "/knowledgeBases/not-in-the-emulator' not found.",
                error.getMessage());

        DialogflowAssistAnswer assist = lostCard.forAgent().get(4).getSuggestDialogflowAssistsResponse()
                .getDialogflowAssistAnswers(0);
        assertEquals(lostCard.message().getContent(), assist.getQueryResult().getQueryText());
        assertEquals("Lost or stolen cards", assist.getQueryResult().getIntent().getDisplayName());
        assertTrue(assist.getQueryResult().getFulfillmentText().startsWith("Block the card"));
        assertEquals(0.9f, assist.getQueryResult().getIntentDetectionConfidence());

        var entities = lostCard.forAgent().get(5).getSuggestEntityExtractionResponse().getDialogflowAssistAnswers(0)
                .getQueryResult().getParameters();
        assertEquals(List.of("lost", "card", "balance"), entities.getFieldsOrThrow("topic").getListValue()
                .getValuesList().stream().map(Value::getStringValue).toList());

        GenerateSuggestionsResponse generated = lostCard.forAgent().get(6).getGenerateSuggestionsResponse();
        assertEquals(List.of(EmulatedCall.PARENT + "/generators/emulated-free-form",
                EmulatedCall.PARENT + "/generators/emulated-coaching"), generated.getGeneratorSuggestionAnswersList()
                        .stream().map(GenerateSuggestionsResponse.GeneratorSuggestionAnswer::getSourceGenerator).toList());
        assertTrue(generated.getGeneratorSuggestionAnswers(0).getGeneratorSuggestion().getFreeFormSuggestion()
                .getResponse().startsWith("Block the card at once"));
        AgentCoachingSuggestion coaching = generated.getGeneratorSuggestionAnswers(1).getGeneratorSuggestion()
                .getAgentCoachingSuggestion();
        assertEquals(List.of("Lost or stolen card"), coaching.getApplicableInstructionsList().stream()
                .map(i -> i.getDisplayName()).toList(), "the instruction whose condition concerns a lost card");
        assertEquals("Block the card at once and offer a replacement.", coaching.getAgentActionSuggestions(0)
                .getAgentAction());
        assertEquals(List.of(0), coaching.getAgentActionSuggestions(0).getSources().getInstructionIndexesList());
        assertFalse(coaching.getSampleResponses(0).getResponseText().isEmpty());
        assertEquals(lostCard.message().getName(), generated.getLatestMessage());

        Answered newCard = customer.get(1);
        assertEquals(SuggestionResult.SuggestionResponseCase.ERROR, newCard.forAgent().get(1).getSuggestionResponseCase(),
                "the missing knowledge base fails every time, alone");
    }

    @Test
    void coachingInstructionsFollowTheirOwnTriggeringEvent() {
        EmulatedCall all = EmulatedCall.create(df, EmulatedCall.ALL_KINDS);
        Answered blocked = answered(AnalyzeCall.speak(df.participants, all.agent(), fixture.agent())).get(0);
        GenerateSuggestionsResponse generated = blocked.forAgent().stream()
                .filter(SuggestionResult::hasGenerateSuggestionsResponse).findFirst().orElseThrow()
                .getGenerateSuggestionsResponse();
        AgentCoachingSuggestion coaching = generated.getGeneratorSuggestionAnswersList().stream()
                .filter(a -> a.getGeneratorSuggestion().hasAgentCoachingSuggestion()).findFirst().orElseThrow()
                .getGeneratorSuggestion().getAgentCoachingSuggestion();
        assertEquals(List.of("Lost or stolen card", "Card blocked"), coaching.getApplicableInstructionsList().stream()
                .map(i -> i.getDisplayName()).toList(), "'Card blocked' only after an agent message");
    }

    @Test
    void aProfileWithoutSentimentOrItsOwnModelIsFollowedPerConversation() {
        EmulatedCall plain = EmulatedCall.create(df, EmulatedCall.NO_SUMMARY);
        List<StreamingAnalyzeContentResponse> responses = AnalyzeCall.open(df.participants)
                .config(plain.customer(), AnalyzeCall.audioConfig(com.google.cloud.dialogflow.v2beta1.AudioEncoding
                        .AUDIO_ENCODING_MULAW).clearModel())
                .audioInChunks(fixture.customer(), AnalyzeCall.CHUNK_BYTES_MULAW).halfClose().awaitCompletion();
        List<Answered> answered = answered(responses);
        assertFalse(answered.get(0).message().hasSentimentAnalysis(), "this profile has sentiment analysis off");
        assertEquals(List.of(SuggestionResult.SuggestionResponseCase.SUGGEST_FAQ_ANSWERS_RESPONSE),
                kinds(answered.get(0).forAgent()));
        assertEquals("telephony", control.participant(plain.customer()).orElseThrow().streams().get(0).model(),
                "without a model in the request, the profile's");
    }

    static List<SuggestionResult.SuggestionResponseCase> kinds(List<SuggestionResult> results) {
        return results.stream().map(SuggestionResult::getSuggestionResponseCase).toList();
    }

    /** Splits a stream's responses at each message: a message and the suggestion responses after it. */
    static List<Answered> answered(List<StreamingAnalyzeContentResponse> responses) {
        List<Answered> answered = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            if (!responses.get(i).hasMessage()) {
                continue;
            }
            List<SuggestionResult> forAgent = new ArrayList<>();
            List<SuggestionResult> forCustomer = new ArrayList<>();
            int end = i;
            do {
                forAgent.addAll(responses.get(end).getHumanAgentSuggestionResultsList());
                forCustomer.addAll(responses.get(end).getEndUserSuggestionResultsList());
                end++;
            } while (end < responses.size() && !responses.get(end).hasMessage()
                    && !responses.get(end).hasRecognitionResult());
            answered.add(new Answered(responses.get(i).getMessage(), forAgent, forCustomer, end - i));
        }
        return answered;
    }
}
