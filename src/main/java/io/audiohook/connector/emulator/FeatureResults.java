package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionFeatureConfig;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionQueryConfig;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.rpc.Code;
import com.google.rpc.Status;

/**
 * The suggestion results one role's suggestion config gives for a finalized utterance: one per feature that
 * finds something, in the order of its feature configs (participant.proto: "The order is the same as …
 * feature_configs"), then one {@code generate_suggestions_response} for its generators. A feature whose query
 * source names a knowledge base or document the emulator does not have fails alone, with {@code error} set in its
 * place: "any failure of Agent Assist features will not lead to the overall failure … the features will fail
 * silently with the error field set".
 */
final class FeatureResults {
    private FeatureResults() {
    }

    /** @param target whose suggestions these are: HUMAN_AGENT or END_USER */
    static List<SuggestionResult> of(AssistProfile.SuggestionSetup setup, Participant.Role target,
            UtteranceContext context) {
        List<SuggestionResult> results = new ArrayList<>();
        for (AssistProfile.Feature feature : setup.features()) {
            SuggestionFeatureConfig config = feature.config();
            if (feature.kind().usesTriggerSettings && config.getSuggestionTriggerSettings().getOnlyEndUser()
                    && context.role() != Participant.Role.END_USER
                    || feature.kind() == FeatureKind.KNOWLEDGE_ASSIST && setup.highLatencyWithheld()) {
                continue; // not triggered; or "we will not deliver the responses from high latency features"
            }
            Optional<SuggestionResult> result = missingSource(config.getQueryConfig(), context);
            (result.isPresent() ? result : suggest(feature, target, context)).ifPresent(results::add);
        }
        if (!setup.generators().isEmpty()) {
            List<Message> soFar = context.conversation().messages.context(context.message().getName(),
                    ConversationMessages.MAX_MESSAGES);
            GenerateSuggestionsResponse generated = GeneratorSuggestions.generate(setup.generators(),
                    GeneratorSuggestions.utteranceOf(context.role()), soFar, context.knowledge(), context.location());
            if (generated.getGeneratorSuggestionAnswersCount() > 0) {
                results.add(SuggestionResult.newBuilder().setGenerateSuggestionsResponse(generated).build());
            }
        }
        return results;
    }

    private static Optional<SuggestionResult> suggest(AssistProfile.Feature feature, Participant.Role target,
            UtteranceContext context) {
        SuggestionFeatureConfig config = feature.config();
        return switch (feature.kind()) {
            case FAQ -> KnowledgeSuggestions.faq(config, context);
            case ARTICLE_SUGGESTION -> KnowledgeSuggestions.articles(config, context);
            case SMART_REPLY -> KnowledgeSuggestions.smartReplies(config, context);
            case KNOWLEDGE_ASSIST -> KnowledgeSuggestions.knowledgeAssist(config, context, target);
            case DIALOGFLOW_ASSIST -> DialogflowSuggestions.dialogflowAssist(config, context);
            case ENTITY_EXTRACTION -> DialogflowSuggestions.entityExtraction(config, context);
            // summaries are asked for (SuggestConversationSummary); knowledge search answers the agent's own queries
            case CONVERSATION_SUMMARIZATION, KNOWLEDGE_SEARCH -> Optional.empty();
        };
    }

    /** The error result of a query source naming a knowledge base or document the emulator does not have. */
    private static Optional<SuggestionResult> missingSource(SuggestionQueryConfig query, UtteranceContext context) {
        String location = context.location();
        if (query.hasKnowledgeBaseQuerySource()) {
            String base = query.getKnowledgeBaseQuerySource().getKnowledgeBases(0);
            if (!base.equals(Knowledge.knowledgeBase(location))) {
                return Optional.of(notFound("Knowledge base", base));
            }
        } else if (query.hasDocumentQuerySource()) {
            String document = query.getDocumentQuerySource().getDocuments(0);
            if (!context.knowledge().hasDocument(location, document)) {
                return Optional.of(notFound("Document", document));
            }
        }
        return Optional.empty();
    }

    private static SuggestionResult notFound(String kind, String name) {
        return SuggestionResult.newBuilder().setError(Status.newBuilder().setCode(Code.NOT_FOUND_VALUE)
                .setMessage(kind + " '" + name + "' not found.")).build();
    }
}
