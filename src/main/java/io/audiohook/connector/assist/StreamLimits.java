package io.audiohook.connector.assist;

import java.time.Duration;

/**
 * How long one StreamingAnalyzeContent stream lives before it is replaced, and its gRPC deadline.
 *
 * @param recycleAfter past this (audio sent or wall time, the larger), a stream is replaced after its next final
 * @param recycleMax   past this, a stream is replaced whatever it is doing
 * @param deadline     gRPC deadline of every stream, a little above {@code recycleMax}
 */
public record StreamLimits(Duration recycleAfter, Duration recycleMax, Duration deadline) {
    /** Classic streams: Dialogflow ends them at about 120 s; Google's own connector recycles at 90 s. */
    public static final StreamLimits CLASSIC = new StreamLimits(Duration.ofSeconds(90), Duration.ofSeconds(110),
            Duration.ofSeconds(125));
    /** {@code enable_extended_streaming}: Dialogflow times a stream out at 3 minutes. */
    public static final StreamLimits EXTENDED = new StreamLimits(Duration.ofSeconds(150), Duration.ofSeconds(170),
            Duration.ofSeconds(185));

    public StreamLimits {
        if (recycleMax.compareTo(recycleAfter) < 0) {
            throw new IllegalArgumentException("recycle-max must not be below recycle-after");
        }
    }

    public static StreamLimits defaults(boolean extendedStreaming) {
        return extendedStreaming ? EXTENDED : CLASSIC;
    }
}
