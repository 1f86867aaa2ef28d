package io.audiohook.connector.emulator;

import java.time.Duration;
import java.util.Optional;

import io.grpc.Status;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Dialogflow emulator; nothing here is read unless {@link #enabled()} is true. */
@ConfigMapping(prefix = "connector.emulator")
public interface EmulatorConfig {

    /** Off unless asked: a production instance must never answer as if it were Dialogflow. */
    @WithDefault("false")
    boolean enabled();

    /** The one conversation profile the emulator knows. */
    @WithDefault("projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile")
    String profileName();

    /** Language of the profile's speech-to-text config. */
    @WithDefault("en-US")
    String language();

    /** Speech model of the profile's speech-to-text config. */
    @WithDefault("latest_long")
    String model();

    /** Lines {@code external: ...} / {@code internal: ...} to answer with; a file path or classpath resource. */
    Optional<String> script();

    /** Lines {@code keyword | question | answer} for FAQ suggestions; a file path or classpath resource. */
    Optional<String> knowledge();

    /** Longest stream: the larger of wall time since it opened and audio received. */
    @WithDefault("120s")
    Duration streamLimit();

    /** A stream without audio for this long fails, as Dialogflow's does. */
    @WithDefault("5s")
    Duration audioTimeout();

    /** Added to every unary answer. */
    @WithDefault("0s")
    Duration latency();

    /** Conversations kept in memory; beyond it the oldest completed one is forgotten. */
    @WithDefault("10000")
    int maxConversations();

    Fault fault();

    interface Fault {
        /** Status the {@link #onStream()}-th stream fails with; none when absent. */
        Optional<Status.Code> code();

        /** Which StreamingAnalyzeContent stream, counted from 1 since start, fails. */
        @WithDefault("1")
        int onStream();
    }
}
