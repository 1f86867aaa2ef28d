package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.Optional;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.retry.Backoff;

/**
 * How calls are streamed to Agent Assist. Durations of audio are converted to bytes per channel with the encoding
 * sent ({@link RecognizerEncoding#bytesPerTimelineSample()}).
 *
 * @param model                 overrides the profile's speech model when present
 * @param audioEncoding         what calls are sent as unless their {@code customConfig.audioEncoding} says otherwise
 * @param streaming             chunking, pacing and stream lifetime
 * @param retry                 reopening streams and retrying setup
 * @param preSetupBuffer        audio per channel kept while no stream takes it (setup, restarts, quota waits)
 * @param finalResultsTimeout   how long a close waits for the last results after half-closing
 * @param completionGrace       how long a conversation stays open after a session ended without {@code end}
 * @param maxPendingCompletions bound of conversations waiting for their grace to expire
 * @param summary               the summary asked for when a call ends with {@code close}/{@code end}
 */
public record AssistSettings(
        ProfileName profile,
        Optional<String> model,
        RecognizerEncoding audioEncoding,
        Streaming streaming,
        Retry retry,
        Duration preSetupBuffer,
        Duration finalResultsTimeout,
        Duration completionGrace,
        int maxPendingCompletions,
        Summary summary) {

    /**
     * @param chunk             audio per {@code input_audio} request
     * @param catchUpRate       a backlog drains at most this many times faster than real time
     * @param extended          {@code enable_extended_streaming}: 3-minute streams (Preview; Agent Assist stage)
     * @param limits            when streams are replaced
     * @param lookback          at most this much audio after the last final is replayed on a new stream
     * @param startTimeout      a stream not ready to take audio after this long is abandoned and counted
     */
    public record Streaming(Duration chunk, double catchUpRate, boolean extended, StreamLimits limits,
            Duration lookback, Duration startTimeout) {
        public Streaming {
            if (catchUpRate < 1.0) {
                throw new IllegalArgumentException("catch-up rate must be at least real time");
            }
            if (chunk.isZero() || chunk.isNegative()) {
                throw new IllegalArgumentException("chunk must be positive");
            }
            // a request carries one to two chunks, and any call may choose the largest encoding
            long largest = 2 * chunk.toNanos() * RecognizerEncoding.LINEAR16_16K.bytesPerSecond() / 1_000_000_000L;
            if (largest > MAX_AUDIO_BYTES_PER_REQUEST) {
                throw new IllegalArgumentException("chunk " + chunk.toMillis() + " ms makes requests of up to "
                        + largest + " bytes at 16 kHz, over Speech-to-Text's " + MAX_AUDIO_BYTES_PER_REQUEST
                        + " bytes of audio per request: at most 390 ms");
            }
        }
    }

    /** Speech-to-Text's quotas page: "Each request in the stream is limited to 25 KB of audio". */
    public static final int MAX_AUDIO_BYTES_PER_REQUEST = 25_000;

    /**
     * @param transientErrors after a transient error (UNAVAILABLE, OUT_OF_RANGE, ...)
     * @param waits           after RESOURCE_EXHAUSTED or UNAUTHENTICATED, and between setup attempts: all call long
     * @param healthyStream   a stream that lived this long resets the backoff
     */
    public record Retry(Backoff transientErrors, Backoff waits, Duration healthyStream) {
    }

    /**
     * @param enabled       ask for a summary at the end of calls whose profile can summarize
     * @param timeout       the summary call's deadline; the conversation is completed after it either way
     * @param minUtterances fewer final utterances than this in the conversation: too short to summarize
     */
    public record Summary(boolean enabled, Duration timeout, int minUtterances) {
        public static final Summary OFF = new Summary(false, Duration.ofSeconds(10), 1);

        public Summary {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("the summary timeout must be positive");
            }
            if (minUtterances < 0) {
                throw new IllegalArgumentException("the summary's minimum utterances must not be negative");
            }
        }
    }
}
