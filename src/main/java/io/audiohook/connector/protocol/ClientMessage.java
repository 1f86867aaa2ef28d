package io.audiohook.connector.protocol;

import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A decoded client text message. Audio frames are not messages and never appear here. */
public sealed interface ClientMessage {

    Envelope envelope();

    default String type() {
        return envelope().type();
    }

    default long seq() {
        return envelope().seq();
    }

    /** The fields every client message carries, already checked for shape. */
    record Envelope(String id, String type, long seq, long serverseq, long positionNanos, ObjectNode parameters) {
    }

    record Open(Envelope envelope, OpenParameters parameters) implements ClientMessage {
    }

    record Close(Envelope envelope, String reason) implements ClientMessage {
    }

    record Ping(Envelope envelope, OptionalLong rttNanos) implements ClientMessage {
    }

    record Paused(Envelope envelope) implements ClientMessage {
    }

    record Resumed(Envelope envelope, long startNanos, long discardedNanos) implements ClientMessage {
    }

    record Discarded(Envelope envelope, long startNanos, long discardedNanos) implements ClientMessage {
    }

    record Update(Envelope envelope, Optional<String> language) implements ClientMessage {
    }

    record Error(Envelope envelope, int code, String message, OptionalLong retryAfterNanos) implements ClientMessage {
    }

    /** A type this server does not know: tolerated so that newer Genesys clients keep working. */
    record Unknown(Envelope envelope) implements ClientMessage {
    }
}
