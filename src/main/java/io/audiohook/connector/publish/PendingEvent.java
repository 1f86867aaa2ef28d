package io.audiohook.connector.publish;

import java.time.Instant;

/**
 * An event waiting to be published. Rendered on arrival, so a waiting event holds one string and no protos;
 * {@code ack_time} is only set when it is handed to Redis.
 */
record PendingEvent(Notification notification, Instant publishTime, String messageId, long receivedNanos,
        long enqueuedNanos) {

    /** Rough heap cost: the data text (Latin-1 strings take a byte per character) plus the envelope and objects. */
    long bytes() {
        return notification.data().length() + 256L;
    }

    String envelope(String conversationKey, Instant ackTime) {
        return UiConnectorEnvelope.render(conversationKey, notification, ackTime, publishTime, messageId);
    }
}
