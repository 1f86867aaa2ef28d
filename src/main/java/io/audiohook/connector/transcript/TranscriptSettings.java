package io.audiohook.connector.transcript;

import java.time.Duration;

/**
 * How transcripts go back to Genesys.
 *
 * @param interimResults send interim results too (an utterance's id stays the same until its final)
 * @param ratePerSecond  events per second a session sends at most, sustained
 * @param burst          events a session may send at once after a quiet moment
 * @param queueCapacity  events a session keeps waiting for the rate limit; beyond it the oldest interim goes first
 * @param defaultHold    how long a {@code 429} without {@code retryAfter} holds the session's events back
 */
public record TranscriptSettings(boolean interimResults, double ratePerSecond, int burst, int queueCapacity,
        Duration defaultHold) {

    public TranscriptSettings {
        if (ratePerSecond <= 0 || burst < 1 || queueCapacity < 1 || defaultHold.isNegative()) {
            throw new IllegalArgumentException("transcript rate, burst and queue must be positive");
        }
    }
}
