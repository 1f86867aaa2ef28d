package io.audiohook.connector.assist;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/**
 * Suggestions Agent Assist compiled for one participant: {@code human_agent_suggestion_results} for the human
 * agent, {@code end_user_suggestion_results} for the end user, whichever stream's utterance produced them.
 *
 * @param role            whom they are for: {@code HUMAN_AGENT} or {@code END_USER}
 * @param participantName that participant's resource name (the event's {@code participant})
 * @param latestMessage   the message that triggered them (the results' own {@code latest_message}, else the last
 *                        message of the stream that delivered them); empty when unknown
 */
public record Suggestions(String conversationName, Participant.Role role, String participantName,
        String latestMessage, List<SuggestionResult> results, long receivedNanos) implements AssistEvent {

    public Suggestions {
        results = List.copyOf(results);
    }
}
