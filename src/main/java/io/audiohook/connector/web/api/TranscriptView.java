package io.audiohook.connector.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.audiohook.connector.publish.SuggestionEntry;
import io.audiohook.connector.publish.Transcript;
import io.audiohook.connector.publish.TranscriptEntry;

/**
 * A conversation's final utterances, oldest first, each with the suggestions compiled for it; suggestions that name
 * no utterance of the transcript (Dialogflow did not say, or it is not kept) come after them, and the summary last.
 *
 * @param conversation the conversation name without location, as the UI connector keys it
 * @param summary      null until the conversation was summarized
 */
public record TranscriptView(String conversation, List<Utterance> utterances, List<Suggestion> suggestions,
        SummaryView summary) {

    /**
     * @param startOffset, endOffset proto3 JSON durations ({@code "3.420s"}) on the call's AudioHook timeline;
     *        null when unknown
     */
    public record Utterance(String id, String role, String participant, String text, String language,
            String startOffset, String endOffset, Float sentimentScore, Float sentimentMagnitude, String message,
            String createTime, String sendTime, List<Suggestion> suggestions) {

        static Utterance of(TranscriptEntry e, List<Suggestion> suggestions) {
            return new Utterance(e.id(), e.role(), e.participant(), e.text(), e.language(),
                    e.startOffset().orElse(null), e.endOffset().orElse(null), e.sentimentScore().orElse(null),
                    e.sentimentMagnitude().orElse(null), e.messageName(), e.createTime(), e.sendTime().orElse(null),
                    List.copyOf(suggestions));
        }
    }

    /**
     * @param role    whom they are for: {@code HUMAN_AGENT} or {@code END_USER}
     * @param message the utterance (message name) they were compiled for, or null
     * @param results the suggestion results in proto3 JSON, as the desktop got them
     */
    public record Suggestion(String id, String role, String participant, String message, String createTime,
            @JsonRawValue String results) {

        static Suggestion of(SuggestionEntry e) {
            return new Suggestion(e.id(), e.role(), e.participant(), e.message().isEmpty() ? null : e.message(),
                    e.createTime(), StoredJson.array(e.results()));
        }
    }

    static TranscriptView of(String conversation, Transcript transcript) {
        Map<String, List<Suggestion>> byMessage = new LinkedHashMap<>();
        for (TranscriptEntry utterance : transcript.utterances()) {
            byMessage.put(utterance.messageName(), new ArrayList<>());
        }
        List<Suggestion> unattached = new ArrayList<>();
        for (SuggestionEntry entry : transcript.suggestions()) {
            List<Suggestion> of = byMessage.get(entry.message());
            (of != null ? of : unattached).add(Suggestion.of(entry));
        }
        List<Utterance> utterances = transcript.utterances().stream()
                .map(u -> Utterance.of(u, byMessage.get(u.messageName()))).toList();
        return new TranscriptView(conversation, utterances, List.copyOf(unattached),
                transcript.summary().map(s -> SummaryView.of(conversation, s)).orElse(null));
    }
}
