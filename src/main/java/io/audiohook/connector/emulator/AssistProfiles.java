package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionConfig;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionFeatureConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SpeechToTextConfig;

/**
 * The profiles and generators the emulator serves. The served names are the configured ones; a name the profile
 * file lists gets that profile, any other the file's first profile under its own name. Speech settings the file
 * leaves out come from {@code connector.emulator.language} and {@code model}. Immutable once built.
 */
final class AssistProfiles {
    private static final Logger LOG = Logger.getLogger(AssistProfiles.class);

    private final Map<String, AssistProfile> byName;
    private final Map<String, Generator> generators;

    private AssistProfiles(Map<String, AssistProfile> byName, Map<String, Generator> generators) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName)); // in the configured order
        this.generators = Map.copyOf(generators);
    }

    /** Without a profile file: every served profile has speech settings only, and no Agent Assist feature. */
    static AssistProfiles bare(Set<String> served, String language, String model) {
        Map<String, AssistProfile> byName = new LinkedHashMap<>();
        for (String name : served) {
            byName.put(name, new AssistProfile(withSpeech(ConversationProfile.newBuilder().setName(name)
                    .setDisplayName("Dialogflow emulator"), language, model), AssistProfile.SuggestionSetup.NONE,
                    AssistProfile.SuggestionSetup.NONE));
        }
        return new AssistProfiles(byName, Map.of());
    }

    /** @param source the file's name, for the messages of a file that breaks a rule ({@link ProfileChecks}) */
    static AssistProfiles of(ProfileFile file, String source, Set<String> served, String language, String model) {
        Map<String, Generator> generators = new LinkedHashMap<>();
        for (int i = 0; i < file.generators().size(); i++) {
            Generator generator = file.generators().get(i);
            String where = source + ": generators[" + i + "]";
            ProfileChecks.generator(generator, where);
            if (generators.put(generator.getName(), generator) != null) {
                throw new IllegalArgumentException(where + ": " + generator.getName() + " is listed twice");
            }
        }
        Map<String, AssistProfile> inFile = new LinkedHashMap<>();
        for (int i = 0; i < file.profiles().size(); i++) {
            ConversationProfile proto = file.profiles().get(i);
            String where = source + ": conversationProfiles[" + i + "]";
            ProfileChecks.name(proto.getName(), ProfileChecks.PROFILE_NAME, where);
            AssistProfile profile = new AssistProfile(withSpeech(proto.toBuilder(), language, model),
                    setup(proto, Participant.Role.HUMAN_AGENT, file, generators, where),
                    setup(proto, Participant.Role.END_USER, file, generators, where));
            if (inFile.put(proto.getName(), profile) != null) {
                throw new IllegalArgumentException(where + ": " + proto.getName() + " is listed twice");
            }
        }
        AssistProfile first = inFile.values().iterator().next();
        Map<String, AssistProfile> byName = new LinkedHashMap<>();
        for (String name : served) {
            AssistProfile listed = inFile.get(name);
            byName.put(name, listed != null ? listed : first.renamed(name));
        }
        inFile.keySet().stream().filter(name -> !served.contains(name)).forEach(name -> LOG.warnf(
                "emulator profile %s is in the profile file but not served: add it to connector.emulator.more-profiles",
                name));
        return new AssistProfiles(byName, generators);
    }

    Set<String> names() {
        return byName.keySet();
    }

    Optional<AssistProfile> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The profile of a conversation: always served, since conversations are only created with served ones. */
    AssistProfile of(String name) {
        return find(name).orElseThrow(() -> Errors.notFound("Conversation profile", name));
    }

    Optional<Generator> generator(String name) {
        return Optional.ofNullable(generators.get(name));
    }

    int generatorCount() {
        return generators.size();
    }

    private static ConversationProfile withSpeech(ConversationProfile.Builder profile, String language, String model) {
        SpeechToTextConfig.Builder stt = profile.getSttConfigBuilder();
        if (stt.getLanguageCode().isEmpty()) {
            stt.setLanguageCode(language);
        }
        if (stt.getModel().isEmpty()) {
            stt.setModel(model);
        }
        if (profile.getLanguageCode().isEmpty()) {
            profile.setLanguageCode(language);
        }
        return profile.build();
    }

    private static AssistProfile.SuggestionSetup setup(ConversationProfile proto, Participant.Role target,
            ProfileFile file, Map<String, Generator> generators, String where) {
        SuggestionConfig config = target == Participant.Role.HUMAN_AGENT
                ? proto.getHumanAgentAssistantConfig().getHumanAgentSuggestionConfig()
                : proto.getHumanAgentAssistantConfig().getEndUserSuggestionConfig();
        String configWhere = where + ".humanAgentAssistantConfig."
                + (target == Participant.Role.HUMAN_AGENT ? "humanAgentSuggestionConfig" : "endUserSuggestionConfig");
        List<AssistProfile.Feature> features = new ArrayList<>();
        for (int i = 0; i < config.getFeatureConfigsCount(); i++) {
            SuggestionFeatureConfig feature = config.getFeatureConfigs(i);
            String featureWhere = configWhere + ".featureConfigs[" + i + "]";
            boolean entityExtraction = file.entityExtraction().contains(new ProfileFile.Slot(proto.getName(), target, i));
            FeatureKind kind = entityExtraction ? FeatureKind.ENTITY_EXTRACTION
                    : FeatureKind.of(feature.getSuggestionFeature().getType()).orElseThrow(() ->
                            new IllegalArgumentException(featureWhere + ": suggestionFeature.type is missing or "
                                    + "unknown (one of SuggestionFeature.Type, or \"" + ProfileFile.ENTITY_EXTRACTION
                                    + "\")"));
            AssistProfile.Feature parsed = new AssistProfile.Feature(kind, feature);
            ProfileChecks.feature(parsed, featureWhere);
            features.add(parsed);
        }
        ProfileChecks.oneConfigPerFeature(features, configWhere);
        List<Generator> named = new ArrayList<>();
        for (String name : config.getGeneratorsList()) {
            named.add(Optional.ofNullable(generators.get(name)).orElseThrow(() -> new IllegalArgumentException(
                    configWhere + ".generators names " + name + ", which the file's generators do not list")));
        }
        return new AssistProfile.SuggestionSetup(features, config.getGroupSuggestionResponses(), named,
                config.getDisableHighLatencyFeaturesSyncDelivery());
    }
}
