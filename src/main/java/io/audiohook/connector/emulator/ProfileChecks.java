package io.audiohook.connector.emulator;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionFeatureConfig;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionQueryConfig;
import com.google.cloud.dialogflow.v2beta1.SummarizationSection;

/**
 * What the profile file must get right, each rule from the proto comments of conversation_profile.proto and
 * generator.proto; a file that breaks one fails the start with a message that names the element. Dialogflow
 * would refuse such a profile or generator when it is created; the emulator refuses it when it starts.
 */
final class ProfileChecks {
    static final Pattern PROFILE_NAME = Pattern.compile("projects/[^/]+/locations/[^/]+/conversationProfiles/[^/]+");
    /** SuggestionQueryConfig.max_results: "if unset, defaults to 10. And the max number is 20." */
    static final int DEFAULT_MAX_RESULTS = 10;
    static final int MAX_RESULTS = 20;
    /** ConversationModelConfig.model: "projects/<Project ID>/conversationModels/<Model ID>", with a location or not. */
    static final Pattern MODEL_NAME = Pattern.compile("projects/[^/]+/(locations/[^/]+/)?conversationModels/[^/]+");

    private ProfileChecks() {
    }

    static void name(String name, Pattern form, String where) {
        if (!form.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": name '" + name + "' is not of the form "
                    + form.pattern().replace("[^/]+", "<id>"));
        }
    }

    /** "One feature can have only one config." (SuggestionConfig.feature_configs) */
    static void oneConfigPerFeature(List<AssistProfile.Feature> features, String where) {
        Set<FeatureKind> seen = EnumSet.noneOf(FeatureKind.class);
        for (AssistProfile.Feature feature : features) {
            if (!seen.add(feature.kind())) {
                throw new IllegalArgumentException(where + ": " + feature.kind()
                        + " is configured twice; one feature can have only one config");
            }
        }
    }

    static void feature(AssistProfile.Feature feature, String where) {
        SuggestionFeatureConfig config = feature.config();
        SuggestionQueryConfig query = config.getQueryConfig();
        if (query.getMaxResults() < 0 || query.getMaxResults() > MAX_RESULTS) {
            throw new IllegalArgumentException(where + ": queryConfig.maxResults " + query.getMaxResults()
                    + " is not within 0 (the default, " + DEFAULT_MAX_RESULTS + ") and " + MAX_RESULTS);
        }
        if (query.getConfidenceThreshold() < 0 || query.getConfidenceThreshold() > 1) {
            throw new IllegalArgumentException(where + ": queryConfig.confidenceThreshold "
                    + query.getConfidenceThreshold() + " is not within [0.0, 1.0]");
        }
        SuggestionQueryConfig.QuerySourceCase source = query.getQuerySourceCase();
        if (source != SuggestionQueryConfig.QuerySourceCase.QUERYSOURCE_NOT_SET && source != feature.kind().querySource) {
            throw new IllegalArgumentException(where + ": " + feature.kind() + " cannot take a " + source
                    + " (the proto names it for other features)");
        }
        querySourceNames(query, where);
        needs(feature, config, where);
        if (query.hasSections() && config.getConversationModelConfig().getModel().isEmpty()
                && !"2.0".equals(config.getConversationModelConfig().getBaselineModelVersion())) {
            throw new IllegalArgumentException(where + ": queryConfig.sections need "
                    + "conversationModelConfig.baselineModelVersion \"2.0\" (or a custom model), as the proto says");
        }
    }

    /**
     * What a feature cannot answer without. FAQ and article suggestion answer from a knowledge base (Agent Assist's
     * knowledge guides: "you must create a knowledge base, upload documents to it, and configure the conversation
     * profile"); Dialogflow assist and entity extraction from a Dialogflow agent (DialogflowQuerySource: "Required.
     * The name of a dialogflow virtual agent"); smart reply from a model ("Suggested responses are calculated by a
     * custom model that has been trained on your own conversation data", Smart Reply guide).
     */
    private static void needs(AssistProfile.Feature feature, SuggestionFeatureConfig config, String where) {
        FeatureKind kind = feature.kind();
        boolean querySourceNeeded = kind == FeatureKind.FAQ || kind == FeatureKind.ARTICLE_SUGGESTION
                || kind == FeatureKind.DIALOGFLOW_ASSIST || kind == FeatureKind.ENTITY_EXTRACTION;
        if (querySourceNeeded && config.getQueryConfig().getQuerySourceCase()
                == SuggestionQueryConfig.QuerySourceCase.QUERYSOURCE_NOT_SET) {
            throw new IllegalArgumentException(where + ": " + kind + " needs queryConfig." + (kind.querySource
                    == SuggestionQueryConfig.QuerySourceCase.KNOWLEDGE_BASE_QUERY_SOURCE ? "knowledgeBaseQuerySource"
                            : "dialogflowQuerySource") + ": it has nothing to answer from without one");
        }
        if (kind == FeatureKind.SMART_REPLY
                && !MODEL_NAME.matcher(config.getConversationModelConfig().getModel()).matches()) {
            throw new IllegalArgumentException(where + ": SMART_REPLY needs conversationModelConfig.model (a smart "
                    + "reply model, projects/<p>/locations/<l>/conversationModels/<id>): its replies come from one");
        }
    }

    /** "Required" and "Currently, only one … is supported" (KnowledgeBaseQuerySource, DocumentQuerySource). */
    private static void querySourceNames(SuggestionQueryConfig query, String where) {
        int count = switch (query.getQuerySourceCase()) {
            case KNOWLEDGE_BASE_QUERY_SOURCE -> query.getKnowledgeBaseQuerySource().getKnowledgeBasesCount();
            case DOCUMENT_QUERY_SOURCE -> query.getDocumentQuerySource().getDocumentsCount();
            case DIALOGFLOW_QUERY_SOURCE -> query.getDialogflowQuerySource().getAgent().isEmpty() ? 0 : 1;
            case QUERYSOURCE_NOT_SET -> 1;
        };
        if (count != 1) {
            throw new IllegalArgumentException(where + ": the " + query.getQuerySourceCase()
                    + " must name exactly one knowledge base, document or agent, as the proto says");
        }
    }

    /** A generator needs a context ("Required. Input context of the generator."); its sections must make sense. */
    static void generator(Generator generator, String where) {
        name(generator.getName(), ResourceNames.GENERATOR_NAME, where);
        if (generator.getContextCase() == Generator.ContextCase.CONTEXT_NOT_SET) {
            throw new IllegalArgumentException(where + " has no context (freeFormContext, agentCoachingContext or "
                    + "summarizationContext); the proto requires one");
        }
        Set<SummarizationSection.Type> types = EnumSet.noneOf(SummarizationSection.Type.class);
        for (SummarizationSection section : generator.getSummarizationContext().getSummarizationSectionsList()) {
            types.add(section.getType());
            if (section.getType() == SummarizationSection.Type.CUSTOMER_DEFINED && section.getKey().isBlank()) {
                throw new IllegalArgumentException(where + ": a CUSTOMER_DEFINED section needs a key");
            }
        }
        if (types.contains(SummarizationSection.Type.SITUATION)
                && types.contains(SummarizationSection.Type.SITUATION_CONCISE)
                || types.contains(SummarizationSection.Type.ACTION)
                && types.contains(SummarizationSection.Type.ACTION_CONCISE)) {
            throw new IllegalArgumentException(where + ": a concise section is only available if its full one "
                    + "(SITUATION, ACTION) is not selected");
        }
    }
}
