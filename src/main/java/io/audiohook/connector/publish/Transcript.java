package io.audiohook.connector.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conversation's durable transcript as read back: its utterances and the suggestions compiled for them, oldest
 * first, and its summary once there is one (the latest written).
 */
public record Transcript(List<TranscriptEntry> utterances, List<SuggestionEntry> suggestions,
        Optional<SummaryEntry> summary) {

    public static Transcript of(List<TranscriptRecord> records) {
        List<TranscriptEntry> utterances = new ArrayList<>();
        List<SuggestionEntry> suggestions = new ArrayList<>();
        SummaryEntry summary = null;
        for (TranscriptRecord record : records) {
            if (record instanceof TranscriptEntry utterance) {
                utterances.add(utterance);
            } else if (record instanceof SuggestionEntry suggestion) {
                suggestions.add(suggestion);
            } else {
                summary = (SummaryEntry) record;
            }
        }
        return new Transcript(List.copyOf(utterances), List.copyOf(suggestions), Optional.ofNullable(summary));
    }

    public boolean isEmpty() {
        return utterances.isEmpty() && suggestions.isEmpty() && summary.isEmpty();
    }
}
