package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsRequest;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryRequest;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionFeature;
import com.google.cloud.dialogflow.v2beta1.SummarySuggestion;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

/**
 * How a profile is summarized, and the answers turned into a {@link ConversationSummary}. A profile with the
 * {@code CONVERSATION_SUMMARIZATION} feature for the human agent is asked with {@code SuggestConversationSummary};
 * one whose human agent config lists generators, if one of them summarizes on {@code MANUAL_CALL}
 * ({@link SummaryGenerators}), with {@code GenerateSuggestions} for that trigger, keeping the answers of summarization
 * generators. Anything else has no summarization.
 */
final class SummaryRequests {
    enum Kind {
        FEATURE, GENERATORS
    }

    private SummaryRequests() {
    }

    static Optional<Kind> kind(ConversationProfile profile) {
        HumanAgentAssistantConfig.SuggestionConfig agent = profile.getHumanAgentAssistantConfig()
                .getHumanAgentSuggestionConfig();
        for (HumanAgentAssistantConfig.SuggestionFeatureConfig feature : agent.getFeatureConfigsList()) {
            if (feature.getSuggestionFeature().getType() == SuggestionFeature.Type.CONVERSATION_SUMMARIZATION) {
                return Optional.of(Kind.FEATURE);
            }
        }
        return agent.getGeneratorsCount() > 0 ? Optional.of(Kind.GENERATORS) : Optional.empty();
    }

    static SuggestConversationSummaryRequest feature(String conversationName) {
        return SuggestConversationSummaryRequest.newBuilder().setConversation(conversationName).build();
    }

    static GenerateSuggestionsRequest generators(String conversationName) {
        return GenerateSuggestionsRequest.newBuilder().setConversation(conversationName)
                .addTriggerEvents(TriggerEvent.MANUAL_CALL).build();
    }

    /** The sections in the order Dialogflow sent them (protobuf keeps a map's order); empty when there is none. */
    static Optional<ConversationSummary> of(SuggestConversationSummaryResponse response, String conversationName,
            String agent, long receivedNanos) {
        SuggestConversationSummaryResponse.Summary summary = response.getSummary();
        List<ConversationSummary.Section> sections = new ArrayList<>();
        for (Map.Entry<String, String> section : summary.getTextSectionsMap().entrySet()) {
            sections.add(new ConversationSummary.Section(section.getKey(), section.getValue()));
        }
        if (sections.isEmpty() && summary.getText().isBlank()) {
            return Optional.empty();
        }
        String text = summary.getText().isBlank() ? joined(sections) : summary.getText();
        return Optional.of(new ConversationSummary(conversationName, agent,
                ConversationSummary.SUGGEST_CONVERSATION_SUMMARY, "", sections, text, summary.getAnswerRecord(),
                response.getLatestMessage(), receivedNanos));
    }

    /** The first summarization generator's answer; the other generators' answers are not a summary. */
    static Optional<ConversationSummary> of(GenerateSuggestionsResponse response, String conversationName,
            String agent, long receivedNanos) {
        for (GenerateSuggestionsResponse.GeneratorSuggestionAnswer answer : response.getGeneratorSuggestionAnswersList()) {
            if (!answer.getGeneratorSuggestion().hasSummarySuggestion()) {
                continue;
            }
            List<ConversationSummary.Section> sections = new ArrayList<>();
            for (SummarySuggestion.SummarySection section : answer.getGeneratorSuggestion().getSummarySuggestion()
                    .getSummarySectionsList()) {
                sections.add(new ConversationSummary.Section(section.getSection(), section.getSummary()));
            }
            if (sections.isEmpty()) {
                continue;
            }
            return Optional.of(new ConversationSummary(conversationName, agent, ConversationSummary.GENERATE_SUGGESTIONS,
                    answer.getSourceGenerator(), sections, joined(sections), answer.getAnswerRecord(),
                    response.getLatestMessage(), receivedNanos));
        }
        return Optional.empty();
    }

    private static String joined(List<ConversationSummary.Section> sections) {
        StringBuilder text = new StringBuilder();
        for (ConversationSummary.Section section : sections) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(section.section()).append(": ").append(section.summary());
        }
        return text.toString();
    }
}
