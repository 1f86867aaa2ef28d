package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionFeatureConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * A conversation profile as the emulator serves it: the proto that GetConversationProfile answers, and what its
 * {@code human_agent_assistant_config} asks for, per participant the suggestions are for.
 *
 * @param forAgent what {@code human_agent_suggestion_config} asks for ({@code human_agent_suggestion_results})
 * @param forCustomer what {@code end_user_suggestion_config} asks for ({@code end_user_suggestion_results})
 */
record AssistProfile(ConversationProfile proto, SuggestionSetup forAgent, SuggestionSetup forCustomer) {

    /** One feature config and what it is (ENTITY_EXTRACTION has TYPE_UNSPECIFIED in the proto). */
    record Feature(FeatureKind kind, SuggestionFeatureConfig config) {
    }

    /**
     * One role's suggestion config: its features in their order, whether grouped, its generators, and whether
     * {@code disable_high_latency_features_sync_delivery} keeps KNOWLEDGE_ASSIST out of the stream's responses.
     */
    record SuggestionSetup(List<Feature> features, boolean grouped, List<Generator> generators,
            boolean highLatencyWithheld) {
        static final SuggestionSetup NONE = new SuggestionSetup(List.of(), false, List.of(), false);

        SuggestionSetup {
            features = List.copyOf(features);
            generators = List.copyOf(generators);
        }

        Optional<Feature> feature(FeatureKind kind) {
            return features.stream().filter(f -> f.kind() == kind).findFirst();
        }
    }

    String name() {
        return proto.getName();
    }

    /** Whose suggestion config answers for {@code target}: HUMAN_AGENT, else END_USER. */
    SuggestionSetup setupFor(Participant.Role target) {
        return target == Participant.Role.HUMAN_AGENT ? forAgent : forCustomer;
    }

    boolean sentiment() {
        return proto.getHumanAgentAssistantConfig().getMessageAnalysisConfig().getEnableSentimentAnalysis();
    }

    String model() {
        return proto.getSttConfig().getModel();
    }

    /** Every generator the profile names, once each, the human agent's first. */
    List<Generator> generators() {
        Map<String, Generator> byName = new LinkedHashMap<>();
        for (Generator generator : forAgent.generators()) {
            byName.putIfAbsent(generator.getName(), generator);
        }
        for (Generator generator : forCustomer.generators()) {
            byName.putIfAbsent(generator.getName(), generator);
        }
        return new ArrayList<>(byName.values());
    }

    /** The same profile under another name: what a served name the file does not list gets. */
    AssistProfile renamed(String name) {
        return new AssistProfile(proto.toBuilder().setName(name).build(), forAgent, forCustomer);
    }
}
