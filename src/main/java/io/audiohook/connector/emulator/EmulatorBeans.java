package io.audiohook.connector.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Wires the emulator's plain classes from configuration; files are read only when the emulator is on. */
@ApplicationScoped
public class EmulatorBeans {
    private static final Logger LOG = Logger.getLogger(EmulatorBeans.class);

    @Produces
    @Singleton
    ConversationStore conversationStore(EmulatorConfig config) {
        return new ConversationStore(config.profileNames(), config.maxConversations(), Clock.systemUTC(),
                config.enabled() ? config.journal().map(Path::of) : Optional.empty());
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

    /** The served profiles, from the profile file where there is one. */
    @Produces
    @Singleton
    AssistProfiles profiles(EmulatorConfig config) {
        if (!config.enabled() || config.profiles().isEmpty()) {
            return AssistProfiles.bare(config.profileNames(), config.language(), config.model());
        }
        String source = config.profiles().get();
        return AssistProfiles.of(ProfileFile.parse(TextFiles.text(source), source), source, config.profileNames(),
                config.language(), config.model());
    }

    @Produces
    @Singleton
    Summaries summaries(ConversationStore store, AssistProfiles profiles, Knowledge knowledge) {
        return new Summaries(store, profiles, knowledge);
    }

    /** Reads the files at start, so a wrong path fails the start instead of the first call. */
    void start(@Observes StartupEvent event, EmulatorConfig config, Script script, Knowledge knowledge,
            AssistProfiles profiles) {
        if (config.enabled()) {
            LOG.warnf("Dialogflow emulator ENABLED: this instance answers Dialogflow's v2beta1 gRPC services "
                    + "itself (profiles %s, %d generators, %d script lines, %d knowledge entries)", profiles.names(),
                    profiles.generatorCount(), script.size(), knowledge.size());
        }
    }
}
