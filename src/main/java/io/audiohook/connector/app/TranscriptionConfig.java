package io.audiohook.connector.app;

import java.time.Duration;

import io.audiohook.connector.transcript.TranscriptSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Transcripts back to Genesys (Transcription Connector mode). Genesys publishes no number for how fast a server may
 * send {@code event} messages: its client rate-limits them and answers an excess with {@code error 429} and a
 * {@code retryAfter} (AudioHook protocol, {@code error} message). The defaults stay well below anything a
 * conversation needs (people finish about one utterance per second per channel at most) and hold back on 429.
 */
@ConfigMapping(prefix = "connector.transcription")
public interface TranscriptionConfig {

    /** Send interim results too; Genesys shows final ones, so only finals go unless asked. */
    @WithDefault("false")
    boolean interimResults();

    /** Events per second per session, sustained. */
    @WithDefault("5")
    double eventsPerSecond();

    /** Events a session may send at once after a quiet moment. */
    @WithDefault("10")
    int eventBurst();

    /** Events a session keeps waiting for the rate limit; beyond it the oldest interim, then final, is dropped. */
    @WithDefault("200")
    int queueCapacity();

    /** How long a {@code 429} without {@code retryAfter} holds a session's events back. */
    @WithDefault("1s")
    Duration defaultRetryAfter();

    default TranscriptSettings settings() {
        return new TranscriptSettings(interimResults(), eventsPerSecond(), eventBurst(), queueCapacity(),
                defaultRetryAfter());
    }
}
