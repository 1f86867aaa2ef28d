package io.audiohook.connector.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.audiohook.connector.assist.AssistSettings;
import io.audiohook.connector.assist.DialogflowClients;
import io.audiohook.connector.assist.ProfileName;
import io.audiohook.connector.assist.StreamLimits;
import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.retry.Backoff;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Agent Assist; off unless a conversation profile is configured (or the emulator is served, for a demo). */
@ConfigMapping(prefix = "connector.assist")
public interface AssistConfig {
    /** {@code projects/<p>/locations/<l>/conversationProfiles/<id>} ({@code CONVERSATION_PROFILE_NAME}). */
    Optional<String> conversationProfile();

    /**
     * Profiles a call may choose instead of the default with {@code customConfig.conversationProfile}: full names,
     * in the default's project and location (the conversation's name, which the desktop joins by, depends on
     * them only); others are refused at startup with a WARN.
     */
    Optional<List<String>> allowedProfiles();

    /** {@code host:port} of a Dialogflow emulator running as its own process; overrides the regional endpoint. */
    Optional<String> endpoint();

    /** With {@code endpoint}: no TLS and no credentials. */
    @WithDefault("false")
    boolean plaintext();

    /** Talk to the emulator served by this application on its own HTTP port (plaintext, no credentials). */
    @WithDefault("false")
    boolean emulator();

    /** Speech model for every stream; the profile's {@code sttConfig.model} otherwise. */
    Optional<String> model();

    /**
     * What the call's audio is sent to Dialogflow as: {@code mulaw-8k} (as Genesys sends it, untranscoded),
     * {@code linear16-8k} or {@code linear16-16k} (upsampled; what Chirp 3 and Gemini models want). A call may choose
     * with {@code customConfig.audioEncoding}.
     */
    @WithDefault("mulaw-8k")
    String audioEncoding();

    /** Audio per request. */
    @WithDefault("100ms")
    Duration chunk();

    /** A backlog is sent at most this many times faster than real time. */
    @WithDefault("2.0")
    double catchUpRate();

    /**
     * {@code enable_extended_streaming}: 3-minute streams, so about half as many streams per call-minute
     * (Preview; the conversation must be in the Agent Assist stage, which the connector's are).
     */
    @WithDefault("false")
    boolean extendedStreaming();

    /** gRPC deadline of every stream; by default a little above {@code recycle-max} (125 s, extended 185 s). */
    Optional<Duration> streamDeadline();

    /** Past this (audio sent or wall time, the larger), a stream is replaced after its next final result (90 s, extended 150 s). */
    Optional<Duration> recycleAfter();

    /** Past this, a stream is replaced at once (110 s, extended 170 s). */
    Optional<Duration> recycleMax();

    /** A stream not ready to take audio this long after it opened (no free slot on its connection) is tried again. */
    @WithDefault("5s")
    Duration streamStartTimeout();

    /** Streams one gRPC channel (one HTTP/2 connection) carries at most; Google's front ends take about 100. */
    @WithDefault("40")
    int maxStreamsPerChannel();

    /**
     * Channels for streams at most, divided among the event loops (a call streams over channels on its own loop);
     * beyond its share, a loop's streams share its least loaded channel (counted, WARN).
     */
    @WithDefault("64")
    int maxChannels();

    /** A stream channel without streams this long is closed (one always stays). */
    @WithDefault("60s")
    Duration channelIdleClose();

    /** At most this much audio after the last final result is replayed on a new stream (not for chirp_3). */
    @WithDefault("3s")
    Duration lookback();

    @WithDefault("100ms")
    Duration backoffInitial();

    @WithDefault("5s")
    Duration backoffMax();

    /**
     * First delay after RESOURCE_EXHAUSTED or UNAUTHENTICATED (and between setup attempts), doubling with
     * jitter up to {@code resource-exhausted-backoff-max}; retried as long as the call lasts.
     */
    @WithDefault("2s")
    Duration resourceExhaustedBackoff();

    @WithDefault("20s")
    Duration resourceExhaustedBackoffMax();

    /** A stream that lived this long resets the backoff. */
    @WithDefault("10s")
    Duration healthyStream();

    /** Audio kept per channel while no stream takes it (setup, restarts); the oldest is dropped beyond. */
    @WithDefault("30s")
    Duration preSetupBuffer();

    /** How long {@code close} waits for the last results after the audio is sent. */
    @WithDefault("3s")
    Duration finalResultsTimeout();

    /** How long a conversation stays open for a reconnect after a session ended without {@code end}. */
    @WithDefault("5m")
    Duration completionGrace();

    @WithDefault("10000")
    int maxPendingCompletions();

    /** The summary asked for when a call ends with {@code close}/{@code end}, for the agent's after-call work. */
    Summary summary();

    interface Summary {
        /**
         * Ask Dialogflow for the conversation's summary when its call ends with {@code end}, if the profile has
         * the summarization feature or generators; published to the desktop and kept with the transcript.
         */
        @WithDefault("true")
        boolean enabled();

        /** The summary call's deadline; {@code closed} never waits for it, the completion of the conversation does. */
        @WithDefault("10s")
        Duration timeout();

        /** Conversations with fewer final utterances than this are too short to summarize (counted, not asked). */
        @WithDefault("2")
        int minUtterances();
    }

    /** Events kept per conversation by the built-in in-memory sink. */
    @WithDefault("1000")
    int recentEvents();

    /** Conversations whose events the built-in sink keeps. */
    @WithDefault("256")
    int recentConversations();

    /** The streams' settings for the profile; stream lifetimes default by mode ({@link StreamLimits}). */
    default AssistSettings settings(ProfileName profile) {
        StreamLimits defaults = StreamLimits.defaults(extendedStreaming());
        StreamLimits limits = new StreamLimits(recycleAfter().orElse(defaults.recycleAfter()),
                recycleMax().orElse(defaults.recycleMax()), streamDeadline().orElse(defaults.deadline()));
        return new AssistSettings(profile, model().map(String::trim).filter(m -> !m.isEmpty()), recognizerEncoding(),
                new AssistSettings.Streaming(chunk(), catchUpRate(), extendedStreaming(), limits, lookback(),
                        streamStartTimeout()),
                new AssistSettings.Retry(Backoff.exponential(backoffInitial(), backoffMax()),
                        Backoff.exponential(resourceExhaustedBackoff(), resourceExhaustedBackoffMax()),
                        healthyStream()),
                preSetupBuffer(), finalResultsTimeout(), completionGrace(), maxPendingCompletions(),
                new AssistSettings.Summary(summary().enabled(), summary().timeout(), summary().minUtterances()));
    }

    /** {@link #audioEncoding()} parsed; a value outside the three stops the startup, naming the setting. */
    default RecognizerEncoding recognizerEncoding() {
        return RecognizerEncoding.fromWireName(audioEncoding()).orElseThrow(() -> new IllegalArgumentException(
                "connector.assist.audio-encoding (CONNECTOR_ASSIST_AUDIO_ENCODING) must be one of "
                        + RecognizerEncoding.wireNames() + ", not '" + audioEncoding() + "'"));
    }

    default DialogflowClients.ChannelSettings channels() {
        return new DialogflowClients.ChannelSettings(maxStreamsPerChannel(), maxChannels(), channelIdleClose());
    }
}
