package io.audiohook.connector.publish;

import java.time.Duration;

/**
 * Publishing Agent Assist events to Redis for Google's UI connector, and the durable transcript (the
 * {@code connector.publish.*} settings, documented where they are mapped).
 *
 * @param keepRecentInMemory also keep recent events in the in-memory {@code RecentAssistEvents}
 */
public record PublishSettings(boolean enabled, String keyPrefix, boolean keepRecentInMemory,
        boolean startPausedUntilJoined, Duration joinTimeout, Outbox outbox, Transcript transcript) {

    /** Events wait here while no desktop has joined their conversation or Redis is unreachable. */
    public record Outbox(Duration maxAge, int maxEvents, int maxConversations, long maxBytes, int batch,
            Duration pollInterval, Duration retryInitial, Duration retryMax) {
    }

    /** Every final utterance, appended to a Redis Stream per conversation. */
    public record Transcript(boolean enabled, Duration retention, int maxLength, int maxPending) {
    }
}
