package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

/**
 * One interim or final transcript of a participant's stream.
 *
 * @param utteranceId the same for every interim result of one utterance and its final; a new one after each final
 */
public record RecognitionResult(String conversationName, Participant.Role role, String participantName,
        StreamingRecognitionResult result, String utteranceId, long receivedNanos) implements AssistEvent {
}
