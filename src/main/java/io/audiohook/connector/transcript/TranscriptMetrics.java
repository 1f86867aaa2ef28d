package io.audiohook.connector.transcript;

/** What becomes of the transcript events of every call, for the metrics. Implementations must not block. */
public interface TranscriptMetrics {
    TranscriptMetrics NONE = new TranscriptMetrics() {
    };

    /** One event went to Genesys. */
    default void sent() {
    }

    /** One event will never go; {@code reason} is one of {@link Drop}. */
    default void dropped(Drop reason) {
    }

    /** Genesys answered {@code 429}: the session's events wait for {@code retryAfter}. */
    default void rateLimited() {
    }

    /** Why an event was not sent. */
    enum Drop {
        /** The session's queue was full (the rate limit held too much back). */
        QUEUE_FULL,
        /** Genesys said events are not allowed on this session. */
        REFUSED,
        /** The session closed (or ended) before the event's turn came. */
        CLOSED;

        public String metricName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
