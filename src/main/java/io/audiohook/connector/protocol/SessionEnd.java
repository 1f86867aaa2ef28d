package io.audiohook.connector.protocol;

import java.util.Optional;

/**
 * How a session ended. Later stages care: a Dialogflow conversation is completed only after a client
 * {@code close} with reason {@code end}; any other ending leaves it open for a continuing session.
 */
public record SessionEnd(Outcome outcome, Optional<String> closeReason, Optional<DisconnectReason> disconnectReason,
        Optional<String> info) {

    public enum Outcome {
        /** The client ran the close transaction ({@code close} → {@code closed}). */
        CLOSED,
        /** The server sent {@code disconnect} and the session ended after it. */
        DISCONNECTED,
        /** The WebSocket went away without a close transaction. */
        SOCKET_LOST,
        /** The socket never sent {@code open}. */
        OPEN_TIMEOUT;

        public String metricName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True only for the normal end of a call, the one case where backend conversations may be completed. */
    public boolean isEndOfConversation() {
        return outcome == Outcome.CLOSED && closeReason.filter("end"::equals).isPresent();
    }
}
