package io.audiohook.connector.emulator;

import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionQueryConfig;
import com.google.cloud.dialogflow.v2beta1.SuggestionFeature;

/**
 * The Agent Assist features a profile can configure, with what conversation_profile.proto says of each: which
 * query source it takes and whether {@code suggestion_trigger_settings} apply to it. ENTITY_EXTRACTION is named by
 * the proto's comments but has no value in the public {@link SuggestionFeature.Type}: the profile file marks it by
 * name ({@link ProfileFile}).
 */
enum FeatureKind {
    ARTICLE_SUGGESTION(SuggestionQueryConfig.QuerySourceCase.KNOWLEDGE_BASE_QUERY_SOURCE, true),
    FAQ(SuggestionQueryConfig.QuerySourceCase.KNOWLEDGE_BASE_QUERY_SOURCE, true),
    SMART_REPLY(SuggestionQueryConfig.QuerySourceCase.DOCUMENT_QUERY_SOURCE, false),
    DIALOGFLOW_ASSIST(SuggestionQueryConfig.QuerySourceCase.DIALOGFLOW_QUERY_SOURCE, true),
    ENTITY_EXTRACTION(SuggestionQueryConfig.QuerySourceCase.DIALOGFLOW_QUERY_SOURCE, false),
    CONVERSATION_SUMMARIZATION(null, false),
    KNOWLEDGE_SEARCH(null, false),
    KNOWLEDGE_ASSIST(null, false);

    /** The one query source the proto names this feature for ({@code query_source} comments); null: none. */
    final SuggestionQueryConfig.QuerySourceCase querySource;
    /** "Currently, only ARTICLE_SUGGESTION, FAQ, and DIALOGFLOW_ASSIST will use this field." */
    final boolean usesTriggerSettings;

    FeatureKind(SuggestionQueryConfig.QuerySourceCase querySource, boolean usesTriggerSettings) {
        this.querySource = querySource;
        this.usesTriggerSettings = usesTriggerSettings;
    }

    /** The kind of a public feature type; empty for TYPE_UNSPECIFIED and values this client does not know. */
    static Optional<FeatureKind> of(SuggestionFeature.Type type) {
        return switch (type) {
            case ARTICLE_SUGGESTION -> Optional.of(ARTICLE_SUGGESTION);
            case FAQ -> Optional.of(FAQ);
            case SMART_REPLY -> Optional.of(SMART_REPLY);
            case DIALOGFLOW_ASSIST -> Optional.of(DIALOGFLOW_ASSIST);
            case CONVERSATION_SUMMARIZATION -> Optional.of(CONVERSATION_SUMMARIZATION);
            case KNOWLEDGE_SEARCH -> Optional.of(KNOWLEDGE_SEARCH);
            case KNOWLEDGE_ASSIST -> Optional.of(KNOWLEDGE_ASSIST);
            case TYPE_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
    }
}
