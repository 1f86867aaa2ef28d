package io.audiohook.connector.emulator;

import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.protobuf.ByteString;

/**
 * What each request of a StreamingAnalyzeContent call may carry, as Dialogflow checks it: the first names
 * the participant and configures the audio and carries no input; every later one carries audio only. What
 * the fields hold is {@link StreamRules}' business.
 *
 * <p>Stateless and thread-safe.
 */
final class StreamRequestShape {

    private StreamRequestShape() {
    }

    static void checkFirst(StreamingAnalyzeContentRequest request) {
        if (request.getParticipant().isEmpty()
                || request.getConfigCase() != StreamingAnalyzeContentRequest.ConfigCase.AUDIO_CONFIG) {
            throw StreamRules.refuse("first_request",
                    Errors.invalid("The first request must contain participant and audio_config."));
        }
        if (request.getInputCase() != StreamingAnalyzeContentRequest.InputCase.INPUT_NOT_SET) {
            throw StreamRules.refuse("first_request",
                    Errors.invalid("The first request must not contain input; send audio in later requests."));
        }
    }

    /** The audio of a request after the first; none for an empty request. */
    static Optional<ByteString> laterAudio(StreamingAnalyzeContentRequest request) {
        if (request.getConfigCase() != StreamingAnalyzeContentRequest.ConfigCase.CONFIG_NOT_SET
                || !request.getParticipant().isEmpty()) {
            throw StreamRules.refuse("later_request",
                    Errors.invalid("Only the first request may contain participant and config."));
        }
        return switch (request.getInputCase()) {
            case INPUT_AUDIO -> Optional.of(request.getInputAudio());
            // Google's Python connector sends an empty request before half-closing.
            case INPUT_NOT_SET -> Optional.empty();
            default -> throw StreamRules.refuse("later_request", Errors.invalid(
                    "Only input_audio may follow the first request, not " + request.getInputCase() + "."));
        };
    }
}
