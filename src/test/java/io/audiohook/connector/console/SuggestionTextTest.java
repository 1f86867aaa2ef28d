package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AgentCoachingSuggestion;
import com.google.cloud.dialogflow.v2beta1.ArticleAnswer;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.GeneratorSuggestion;
import com.google.cloud.dialogflow.v2beta1.SmartReplyAnswer;
import com.google.cloud.dialogflow.v2beta1.SuggestArticlesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestSmartRepliesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.rpc.Status;

class SuggestionTextTest {

    @Test
    void eachKindShowsItsBestAnswer() {
        assertEquals("Lost or stolen cards", SuggestionText.of(SuggestionResult.newBuilder()
                .setSuggestArticlesResponse(SuggestArticlesResponse.newBuilder().addArticleAnswers(
                        ArticleAnswer.newBuilder().setTitle("Lost or stolen cards"))).build()));
        assertEquals("Let me check.", SuggestionText.of(SuggestionResult.newBuilder().setSuggestSmartRepliesResponse(
                SuggestSmartRepliesResponse.newBuilder().addSmartReplyAnswers(SmartReplyAnswer.newBuilder()
                        .setReply("Let me check."))).build()));
        assertEquals("Offer a new card", SuggestionText.of(SuggestionResult.newBuilder().setGenerateSuggestionsResponse(
                GenerateSuggestionsResponse.newBuilder().addGeneratorSuggestionAnswers(
                        GenerateSuggestionsResponse.GeneratorSuggestionAnswer.newBuilder().setGeneratorSuggestion(
                                GeneratorSuggestion.newBuilder().setAgentCoachingSuggestion(
                                        AgentCoachingSuggestion.newBuilder().addAgentActionSuggestions(
                                                AgentCoachingSuggestion.AgentActionSuggestion.newBuilder()
                                                        .setAgentAction("Offer a new card")))))).build()));
    }

    @Test
    void anErrorShowsItsCodeNotItsText() {
        assertEquals("error RESOURCE_EXHAUSTED", SuggestionText.of(SuggestionResult.newBuilder().setError(
                Status.newBuilder().setCode(8).setMessage("quota text that may quote the call")).build()));
    }

    @Test
    void aLongAnswerIsCutForAGlanceAndAnEmptyOneIsEmpty() {
        String line = SuggestionText.of(SuggestionResult.newBuilder().setSuggestSmartRepliesResponse(
                SuggestSmartRepliesResponse.newBuilder().addSmartReplyAnswers(SmartReplyAnswer.newBuilder()
                        .setReply("x".repeat(400)))).build());

        assertEquals("x".repeat(160) + "…", line);
        assertTrue(SuggestionText.of(SuggestionResult.newBuilder().setSuggestArticlesResponse(
                SuggestArticlesResponse.getDefaultInstance()).build()).isEmpty());
    }
}
