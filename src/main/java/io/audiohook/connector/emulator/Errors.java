package io.audiohook.connector.emulator;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The errors the emulator answers with. Texts that Google's own services use are copied verbatim,
 * because clients (Google's connectors, ours) recognise some of them by their text.
 */
final class Errors {
    static final String DISABLED = "Dialogflow emulator is disabled";
    static final String CONVERSATION_COMPLETED = "Conversation has completed.";
    static final String AUDIO_TIMEOUT =
            "Audio Timeout Error: Long duration elapsed without audio. Audio should be sent close to real time.";
    static final String TOO_FAST =
            "Audio data is being streamed too fast. Please stream audio data approximately at real time.";
    static final String MISSING_CREDENTIALS = "Request is missing required authentication credential. Expected OAuth 2 "
            + "access token, login cookie or other valid authentication credential. "
            + "See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    static final String INVALID_CREDENTIALS = "Request had invalid authentication credentials. Expected OAuth 2 "
            + "access token, login cookie or other valid authentication credential. "
            + "See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    private Errors() {
    }

    static StatusRuntimeException disabled() {
        return Status.UNAVAILABLE.withDescription(DISABLED).asRuntimeException();
    }

    static StatusRuntimeException notFound(String kind, String name) {
        return Status.NOT_FOUND.withDescription(kind + " '" + name + "' not found.").asRuntimeException();
    }

    static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    static StatusRuntimeException conversationCompleted() {
        return Status.FAILED_PRECONDITION.withDescription(CONVERSATION_COMPLETED).asRuntimeException();
    }

    static StatusRuntimeException alreadyExists(String name) {
        return Status.ALREADY_EXISTS.withDescription("Conversation '" + name + "' already exists.").asRuntimeException();
    }

    static StatusRuntimeException exhausted(String description) {
        return Status.RESOURCE_EXHAUSTED.withDescription(description).asRuntimeException();
    }

    static StatusRuntimeException streamTooLong(String limit) {
        return Status.OUT_OF_RANGE.withDescription("Exceeded maximum allowed stream duration of " + limit + " seconds.")
                .asRuntimeException();
    }

    static StatusRuntimeException audioTimeout() {
        return Status.OUT_OF_RANGE.withDescription(AUDIO_TIMEOUT).asRuntimeException();
    }

    /** Google's quota text, with the project id where Google names the project number. */
    static StatusRuntimeException quotaExceeded(String project) {
        return Status.RESOURCE_EXHAUSTED.withDescription("Quota exceeded for quota metric 'Analyze content "
                + "operations' and limit 'AnalyzeContentOperationsPerMinutePerProject' of service "
                + "'dialogflow.googleapis.com' for consumer 'project:" + project + "'.").asRuntimeException();
    }

    static StatusRuntimeException tooFast() {
        return Status.OUT_OF_RANGE.withDescription(TOO_FAST).asRuntimeException();
    }

    static StatusRuntimeException unauthenticated(boolean missing) {
        return Status.UNAUTHENTICATED.withDescription(missing ? MISSING_CREDENTIALS : INVALID_CREDENTIALS)
                .asRuntimeException();
    }

    static StatusRuntimeException injected(Status.Code code) {
        return Status.fromCode(code).withDescription("Fault injected by the Dialogflow emulator").asRuntimeException();
    }
}
