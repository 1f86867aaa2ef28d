package io.audiohook.connector.emulator;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig;
import com.google.cloud.dialogflow.v2beta1.SpeechToTextConfig;
import com.google.cloud.dialogflow.v2beta1.SuggestionFeature;

import io.quarkus.runtime.StartupEvent;

/** Wires the emulator's plain classes from configuration; files are read only when the emulator is on. */
@ApplicationScoped
public class EmulatorBeans {
    private static final Logger LOG = Logger.getLogger(EmulatorBeans.class);

    @Produces
    @Singleton
    ConversationStore conversationStore(EmulatorConfig config) {
        return new ConversationStore(config.profileNames(), config.maxConversations(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    Script script(EmulatorConfig config) {
        if (!config.enabled() || config.script().isEmpty()) {
            return Script.empty();
        }
        return Script.parse(TextFiles.lines(config.script().get()));
    }

    @Produces
    @Singleton
    Knowledge knowledge(EmulatorConfig config) {
        if (!config.enabled() || config.knowledge().isEmpty()) {
            return Knowledge.empty();
        }
        return Knowledge.parse(TextFiles.lines(config.knowledge().get()));
    }

    /** Shaped like an Agent Assist profile: speech settings, FAQ suggestions and sentiment analysis on. */
    @Produces
    @Singleton
    ConversationProfile conversationProfile(EmulatorConfig config) {
        return ConversationProfile.newBuilder()
                .setName(config.profileName())
                .setDisplayName("Dialogflow emulator")
                .setLanguageCode(config.language())
                .setSttConfig(SpeechToTextConfig.newBuilder().setLanguageCode(config.language()).setModel(config.model()))
                .setHumanAgentAssistantConfig(HumanAgentAssistantConfig.newBuilder()
                        .setHumanAgentSuggestionConfig(HumanAgentAssistantConfig.SuggestionConfig.newBuilder()
                                .addFeatureConfigs(HumanAgentAssistantConfig.SuggestionFeatureConfig.newBuilder()
                                        .setSuggestionFeature(SuggestionFeature.newBuilder()
                                                .setType(SuggestionFeature.Type.FAQ))
                                        .setEnableEventBasedSuggestion(true)))
                        .setMessageAnalysisConfig(HumanAgentAssistantConfig.MessageAnalysisConfig.newBuilder()
                                .setEnableSentimentAnalysis(true)))
                .build();
    }

    /** Reads the files at start, so a wrong path fails the start instead of the first call. */
    void start(@Observes StartupEvent event, EmulatorConfig config, Script script, Knowledge knowledge) {
        if (config.enabled()) {
            LOG.warnf("Dialogflow emulator ENABLED: this instance answers Dialogflow's v2beta1 gRPC services "
                    + "itself (profile %s, %d script lines, %d knowledge entries)", config.profileName(), script.size(),
                    knowledge.size());
        }
    }
}
