package io.audiohook.connector.assist;

/**
 * What this layer reports besides its own counters, for metrics. Called on gRPC and timer threads: implementations
 * must be cheap and must not block.
 */
public interface AssistMetrics {
    AssistMetrics NONE = new AssistMetrics() {
    };

    /** An audio frame arriving until its last byte was handed to a Dialogflow stream. */
    default void audioToRequest(long nanos) {
    }

    /** A streaming response arriving until its event was handed to the sink. */
    default void responseToEvent(long nanos) {
    }

    /**
     * Audio of a participant that no stream will carry (the backlog's bound while no stream takes it, a stopped
     * participant, a session that ended with audio waiting), in seconds of the call.
     */
    default void audioDropped(double seconds) {
    }

    /** A stream reopened after an error or an unexpected end, by gRPC status code name. */
    default void restart(String code) {
    }

    /** A stream replaced before Dialogflow's duration limit. */
    default void recycle() {
    }

    /** A StreamingAnalyzeContent stream was opened (each counts against the project's per-minute quota). */
    default void streamOpened() {
    }

    /** A stream never became ready to take audio within the start timeout. */
    default void stall() {
    }

    /** A participant stopped for good, by the gRPC status code name that stopped it. */
    default void giveUp(String reason) {
    }

    /** A refused call language was replaced by the profile's. */
    default void languageFallback() {
    }

    /** Dialogflow said the audio came too fast; that participant now sends at real time. */
    default void slowDown() {
    }

    /** A suggestion result was published, by its kind (its proto3 JSON field name) and whom it is for. */
    default void suggestion(String kind, String role) {
    }

    /** A suggestion result carried an error instead of suggestions, by gRPC status code name. */
    default void suggestionError(String code) {
    }

    /** What became of the summary asked for at the end of a call, and how long after {@code closed} it was done. */
    default void summary(SummaryOutcome outcome, long nanosAfterClosed) {
    }
}
