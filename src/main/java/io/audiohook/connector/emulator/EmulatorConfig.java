package io.audiohook.connector.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.audiohook.connector.assist.ProfileName;
import io.grpc.Status;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Dialogflow emulator; nothing here is read unless {@link #enabled()} is true. */
@ConfigMapping(prefix = "connector.emulator")
public interface EmulatorConfig {

    /** Off unless asked: a production instance must never answer as if it were Dialogflow. */
    @WithDefault("false")
    boolean enabled();

    /** The first conversation profile the emulator serves. */
    @WithDefault(ProfileName.EMULATED)
    String profileName();

    /**
     * More profiles it serves, by full name: what a deployment that lets calls choose their profile
     * ({@code CONNECTOR_ASSIST_ALLOWED_PROFILES}) is tested against. Each has its own settings where the
     * {@link #profiles()} file lists it, the file's first profile's otherwise.
     */
    Optional<List<String>> moreProfiles();

    /** Every profile the emulator serves: the first, then the others. */
    default java.util.Set<String> profileNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        names.add(profileName());
        moreProfiles().orElse(List.of()).stream().map(String::trim).filter(n -> !n.isEmpty()).forEach(names::add);
        return names;
    }

    /**
     * The profiles' Agent Assist settings (and their generators): a JSON file
     * {@code {"conversationProfiles": [...], "generators": [...]}} of protos in proto3 JSON; a file path or classpath
     * resource. Without it, the profiles have speech settings only.
     */
    Optional<String> profiles();

    /** Language of a profile's speech-to-text config, where the profile file sets none. */
    @WithDefault("en-US")
    String language();

    /** Speech model of a profile's speech-to-text config, where the profile file sets none. */
    @WithDefault("latest_long")
    String model();

    /** Lines {@code external: ...} / {@code internal: ...} to answer with; a file path or classpath resource. */
    Optional<String> script();

    /**
     * The knowledge base, lines {@code keyword | question | answer [| title [| uri]]}, that suggestions come from; a
     * file path or classpath resource.
     */
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

    /**
     * {@code CONNECTOR_EMULATOR_JOURNAL}: a file where conversations and participants are kept across restarts of the
     * emulator (Dialogflow does not forget them when a server restarts); none by default.
     */
    Optional<String> journal();

    /** Conversations kept in memory; beyond it the oldest completed one is forgotten. */
    @WithDefault("10000")
    int maxConversations();

    /**
     * Concurrent streams one HTTP/2 connection may carry; served as the HTTP server's own
     * {@code SETTINGS_MAX_CONCURRENT_STREAMS} ({@code quarkus.http.limits.max-concurrent-streams} is set from it).
     */
    @WithDefault("100")
    int maxStreamsPerConnection();

    /** Google's limits and refusals; each is listed with its source in the package documentation. */
    Rules rules();

    /** Credentials: Google refuses any call without a valid OAuth2 bearer token. */
    Auth auth();

    Fault fault();

    interface Rules {
        /** {@code AnalyzeContentOperationsPerMinutePerProject}: streams opened per minute and project. */
        @WithDefault("300")
        int streamsPerMinute();

        /** Speech-to-Text: each request in a stream carries at most 25 KB of audio. */
        @WithDefault("25000")
        int maxAudioBytesPerRequest();

        /** Audio may run ahead of the wall clock at most this many times real time ... */
        @WithDefault("2.0")
        double maxPaceRate();

        /** ... plus this much audio at once (a look-back replayed at the start of a stream). */
        @WithDefault("5s")
        Duration paceBurst();

        /** Languages the profile's speech models recognise (compared case-insensitively). */
        @WithDefault("en-US,en-GB,en-AU,en-IN,es-US,es-ES,fr-FR,fr-CA,de-DE,it-IT,pt-BR,ja-JP")
        List<String> languages();

        /** Speech models the service knows. */
        @WithDefault("latest_long,latest_short,phone_call,telephony,telephony_short,chirp_2,chirp_3,default")
        List<String> models();

        /** Longest stream with {@code enable_extended_streaming}. */
        @WithDefault("180s")
        Duration extendedStreamLimit();

        /**
         * The audio's own rate must match {@code sample_rate_hertz}: streams younger than this are not judged (a
         * backlog drained faster than real time has caught up by then).
         */
        @WithDefault("45s")
        Duration audioRateAfter();

        /** ... over this trailing wall time, and a mismatch must last this long again before it is refused ... */
        @WithDefault("10s")
        Duration audioRateWindow();

        /** ... and is a rate within this fraction of half or twice the declared one. */
        @WithDefault("0.2")
        double audioRateTolerance();
    }

    interface Auth {
        /** Every call must carry {@code authorization: Bearer <token>}; off for the plaintext dev emulator. */
        @WithDefault("false")
        boolean required();

        /**
         * Where tokens are checked, shaped like Google's {@code https://oauth2.googleapis.com/tokeninfo}
         * ({@code ?access_token=}; 200 with {@code expires_in}, 400 for an invalid token). Without it any
         * bearer token is taken as valid.
         */
        Optional<URI> tokeninfoUrl();
    }

    interface Fault {
        /** Status the {@link #onStream()}-th stream fails with; none when absent. */
        Optional<Status.Code> code();

        /** Which StreamingAnalyzeContent stream, counted from 1 since start, fails. */
        @WithDefault("1")
        int onStream();
    }
}
