package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.FreeFormSuggestion;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.GeneratorSuggestion;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionFeature;
import com.google.cloud.dialogflow.v2beta1.SummarySuggestion;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

/** Which call summarizes a profile, and what its answers become. */
class SummaryRequestsTest {
    private static final String CONVERSATION = "projects/p/locations/l/conversations/c";
    private static final String AGENT = CONVERSATION + "/participants/a";

    private static ConversationProfile profile(HumanAgentAssistantConfig.SuggestionConfig.Builder agent,
            HumanAgentAssistantConfig.SuggestionConfig.Builder endUser) {
        return ConversationProfile.newBuilder().setHumanAgentAssistantConfig(HumanAgentAssistantConfig.newBuilder()
                .setHumanAgentSuggestionConfig(agent).setEndUserSuggestionConfig(endUser)).build();
    }

    private static HumanAgentAssistantConfig.SuggestionConfig.Builder features(SuggestionFeature.Type... types) {
        HumanAgentAssistantConfig.SuggestionConfig.Builder config = HumanAgentAssistantConfig.SuggestionConfig
                .newBuilder();
        for (SuggestionFeature.Type type : types) {
            config.addFeatureConfigs(HumanAgentAssistantConfig.SuggestionFeatureConfig.newBuilder()
                    .setSuggestionFeature(SuggestionFeature.newBuilder().setType(type)));
        }
        return config;
    }

    @Test
    void theSummarizationFeatureOfTheHumanAgentAsksSuggestConversationSummary() {
        assertEquals(Optional.of(SummaryRequests.Kind.FEATURE), SummaryRequests.kind(profile(
                features(SuggestionFeature.Type.FAQ, SuggestionFeature.Type.CONVERSATION_SUMMARIZATION), features())));
        assertEquals(Optional.empty(), SummaryRequests.kind(profile(features(SuggestionFeature.Type.FAQ),
                features(SuggestionFeature.Type.CONVERSATION_SUMMARIZATION))), "the end user's does not count");
        assertEquals(Optional.of(SummaryRequests.Kind.GENERATORS), SummaryRequests.kind(profile(
                features().addGenerators("projects/p/locations/l/generators/g"), features())));
        assertEquals(Optional.empty(), SummaryRequests.kind(ConversationProfile.getDefaultInstance()));
        assertEquals(List.of(TriggerEvent.MANUAL_CALL), SummaryRequests.generators(CONVERSATION).getTriggerEventsList());
        assertEquals(CONVERSATION, SummaryRequests.feature(CONVERSATION).getConversation());
    }

    @Test
    void sectionsKeepDialogflowsOrder() {
        SuggestConversationSummaryResponse response = SuggestConversationSummaryResponse.newBuilder()
                .setSummary(SuggestConversationSummaryResponse.Summary.newBuilder()
                        .putTextSections("situation", "Lost card.").putTextSections("action", "Blocked it.")
                        .putTextSections("resolution", "RESOLVED").setText("situation: Lost card. …")
                        .setAnswerRecord("projects/p/locations/l/answerRecords/r"))
                .setLatestMessage(CONVERSATION + "/messages/m").build();
        ConversationSummary summary = SummaryRequests.of(response, CONVERSATION, AGENT, 7).orElseThrow();
        assertEquals(List.of("situation", "action", "resolution"),
                summary.sections().stream().map(ConversationSummary.Section::section).toList());
        assertEquals("situation: Lost card. …", summary.text());
        assertEquals(ConversationSummary.SUGGEST_CONVERSATION_SUMMARY, summary.source());
        assertEquals(AGENT, summary.participantName());
        assertEquals(CONVERSATION + "/messages/m", summary.latestMessage());
        SummarySuggestion rendered = summary.asSuggestionResult().getGenerateSuggestionsResponse()
                .getGeneratorSuggestionAnswers(0).getGeneratorSuggestion().getSummarySuggestion();
        assertEquals("Blocked it.", rendered.getSummarySections(1).getSummary());
        assertEquals(Optional.empty(), SummaryRequests.of(SuggestConversationSummaryResponse.getDefaultInstance(),
                CONVERSATION, AGENT, 7), "no summary in the answer");
    }

    @Test
    void aGeneratorAnswerCountsOnlyWhenItIsASummary() {
        GenerateSuggestionsResponse.GeneratorSuggestionAnswer freeForm = GenerateSuggestionsResponse
                .GeneratorSuggestionAnswer.newBuilder().setGeneratorSuggestion(GeneratorSuggestion.newBuilder()
                        .setFreeFormSuggestion(FreeFormSuggestion.newBuilder().setResponse("Offer a refund.")))
                .setSourceGenerator("projects/p/locations/l/generators/free").build();
        assertEquals(Optional.empty(), SummaryRequests.of(GenerateSuggestionsResponse.newBuilder()
                .addGeneratorSuggestionAnswers(freeForm).build(), CONVERSATION, AGENT, 7));
        GenerateSuggestionsResponse withSummary = GenerateSuggestionsResponse.newBuilder()
                .addGeneratorSuggestionAnswers(freeForm)
                .addGeneratorSuggestionAnswers(GenerateSuggestionsResponse.GeneratorSuggestionAnswer.newBuilder()
                        .setGeneratorSuggestion(GeneratorSuggestion.newBuilder().setSummarySuggestion(
                                SummarySuggestion.newBuilder()
                                        .addSummarySections(SummarySuggestion.SummarySection.newBuilder()
                                                .setSection("situation").setSummary("Lost card."))
                                        .addSummarySections(SummarySuggestion.SummarySection.newBuilder()
                                                .setSection("next_steps").setSummary("Send a new card."))))
                        .setSourceGenerator("projects/p/locations/l/generators/summary"))
                .build();
        ConversationSummary summary = SummaryRequests.of(withSummary, CONVERSATION, AGENT, 7).orElseThrow();
        assertEquals("projects/p/locations/l/generators/summary", summary.generator());
        assertEquals("situation: Lost card.\nnext_steps: Send a new card.", summary.text());
        assertEquals(ConversationSummary.GENERATE_SUGGESTIONS, summary.source());
        assertTrue(summary.asSuggestionResult().hasGenerateSuggestionsResponse());
    }

    @Test
    void aSummaryOfTextOnlyReachesTheDesktopAsOneSection() {
        SuggestConversationSummaryResponse response = SuggestConversationSummaryResponse.newBuilder()
                .setSummary(SuggestConversationSummaryResponse.Summary.newBuilder()
                        .setText("The customer lost a card; the agent blocked it.")).build();
        ConversationSummary summary = SummaryRequests.of(response, CONVERSATION, AGENT, 7).orElseThrow();
        assertEquals(List.of(), summary.sections(), "as Dialogflow returned it");
        SummarySuggestion rendered = summary.asSuggestionResult().getGenerateSuggestionsResponse()
                .getGeneratorSuggestionAnswers(0).getGeneratorSuggestion().getSummarySuggestion();
        assertEquals(1, rendered.getSummarySectionsCount());
        assertEquals(ConversationSummary.TEXT_ONLY_SECTION, rendered.getSummarySections(0).getSection());
        assertEquals("The customer lost a card; the agent blocked it.", rendered.getSummarySections(0).getSummary());
    }

    @Test
    void settingsThatCannotWorkAreRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new AssistSettings.Summary(true, Duration.ZERO, 2));
        assertThrows(IllegalArgumentException.class, () -> new AssistSettings.Summary(true, Duration.ofSeconds(1), -1));
        StreamLimits limits = StreamLimits.defaults(false);
        new AssistSettings.Streaming(Duration.ofMillis(390), 2.0, false, limits, Duration.ofSeconds(3),
                Duration.ofSeconds(5));
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> new AssistSettings.Streaming(Duration.ofMillis(400), 2.0, false, limits, Duration.ofSeconds(3),
                        Duration.ofSeconds(5)));
        assertTrue(tooLarge.getMessage().contains("25000 bytes"), tooLarge.getMessage());
    }
}
