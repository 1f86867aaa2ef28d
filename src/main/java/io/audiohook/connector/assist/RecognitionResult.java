package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

/**
 * One interim or final transcript of a participant's stream.
 *
 * @param utteranceId the same for every interim result of one utterance and its final; a new one after each final
 * @param placement   where the result is on the AudioHook timeline
 * @param streamLanguage the language its stream was opened with (a result may also say its own)
 */
public record RecognitionResult(String conversationName, Participant.Role role, String participantName,
        StreamingRecognitionResult result, String utteranceId, Placement placement, String streamLanguage,
        long receivedNanos)
        implements AssistEvent {
}
