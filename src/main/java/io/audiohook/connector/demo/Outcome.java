package io.audiohook.connector.demo;

import java.time.Duration;
import java.util.List;

/**
 * How a demo call ended.
 *
 * @param detail       what went wrong, or how the server ended the call; empty when it completed
 * @param openedAfter  from placing the call to {@code opened}; null when it was never opened
 * @param elapsed      from placing the call to its end
 * @param transcript   the final transcripts the service sent back on the socket, in order (only in Transcription
 *                     Connector mode; at most {@value #MAX_LINES})
 */
public record Outcome(Status status, String detail, Duration openedAfter, Duration elapsed,
        List<TranscriptLine> transcript) {

    static final int MAX_LINES = 500;

    public enum Status {
        /** The recording (or what was streamed before {@link DemoCall#hangUp()}) ended with close/end and closed. */
        COMPLETED,
        /** The server sent {@code disconnect}; the call answered close/disconnect and got closed. */
        DISCONNECTED,
        /** The upgrade was answered with an HTTP status instead of 101 (401: key, secret or organization). */
        REFUSED,
        /** Anything else: unreachable, a timeout, the connection lost, a reply the call could not use. */
        FAILED
    }

    public Outcome {
        transcript = List.copyOf(transcript);
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    public boolean opened() {
        return openedAfter != null;
    }
}
