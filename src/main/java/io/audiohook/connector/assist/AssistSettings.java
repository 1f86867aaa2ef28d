package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.Optional;

/**
 * How calls are streamed to Agent Assist. Durations of audio are converted to bytes per channel with the
 * negotiated sample format.
 *
 * @param model                     overrides the profile's speech model when present
 * @param chunk                     audio per {@code input_audio} request
 * @param catchUpRate               a backlog drains at most this many times faster than real time
 * @param streamDeadline            gRPC deadline of every stream; a little above {@code recycleMax}
 * @param recycleAfter              past this, a stream is replaced right after its next final result
 * @param recycleMax                past this, a stream is replaced whatever it is doing
 * @param lookback                  at most this much audio after the last final is replayed on a new stream
 * @param backoffInitial            first delay before reopening after a transient error, doubling ...
 * @param backoffMax                ... up to this
 * @param resourceExhaustedBackoff  first delay after RESOURCE_EXHAUSTED, doubling
 * @param resourceExhaustedRetries  consecutive RESOURCE_EXHAUSTED errors tolerated before the participant stops
 * @param healthyStream             a stream that lived this long resets the backoff
 * @param preSetupBuffer            audio per channel kept while no stream takes it (setup, restarts)
 * @param finalResultsTimeout       how long a close waits for the last results after half-closing
 * @param completionGrace           how long a conversation stays open after a session ended without {@code end}
 * @param maxPendingCompletions     bound of conversations waiting for their grace to expire
 */
public record AssistSettings(
        ProfileName profile,
        Optional<String> model,
        Duration chunk,
        double catchUpRate,
        Duration streamDeadline,
        Duration recycleAfter,
        Duration recycleMax,
        Duration lookback,
        Duration backoffInitial,
        Duration backoffMax,
        Duration resourceExhaustedBackoff,
        int resourceExhaustedRetries,
        Duration healthyStream,
        Duration preSetupBuffer,
        Duration finalResultsTimeout,
        Duration completionGrace,
        int maxPendingCompletions) {

    public AssistSettings {
        if (catchUpRate < 1.0) {
            throw new IllegalArgumentException("catch-up rate must be at least real time");
        }
        if (recycleMax.compareTo(recycleAfter) < 0) {
            throw new IllegalArgumentException("recycle-max must not be below recycle-after");
        }
        if (chunk.isZero() || chunk.isNegative()) {
            throw new IllegalArgumentException("chunk must be positive");
        }
    }

    /** Defaults as documented in the configuration, for the given profile. */
    public static AssistSettings defaults(ProfileName profile) {
        return new AssistSettings(profile, Optional.empty(), Duration.ofMillis(100), 2.0, Duration.ofSeconds(125),
                Duration.ofSeconds(90), Duration.ofSeconds(110), Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofSeconds(2), 5, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(3), Duration.ofMinutes(5), 10_000);
    }
}
