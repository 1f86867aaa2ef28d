package io.audiohook.connector.assist;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/**
 * Suggestions for the human agent.
 *
 * @param participantName the HUMAN_AGENT participant, whichever stream's utterance produced them
 */
public record Suggestions(String conversationName, String participantName, List<SuggestionResult> results,
        long receivedNanos) implements AssistEvent {

    public Suggestions {
        results = List.copyOf(results);
    }
}
