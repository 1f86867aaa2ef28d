package io.audiohook.connector.web.api;

import java.util.List;

import io.audiohook.connector.publish.TranscriptEntry;

/**
 * A conversation's final utterances, oldest first.
 *
 * @param conversation the conversation name without location, as the UI connector keys it
 */
public record TranscriptView(String conversation, List<Utterance> utterances) {

    /**
     * @param startOffset, endOffset proto3 JSON durations ({@code "3.420s"}) on the call's AudioHook timeline;
     *        null when unknown
     */
    public record Utterance(String id, String role, String participant, String text, String language,
            String startOffset, String endOffset, Float sentimentScore, Float sentimentMagnitude, String message,
            String createTime, String sendTime) {

        static Utterance of(TranscriptEntry e) {
            return new Utterance(e.id(), e.role(), e.participant(), e.text(), e.language(),
                    e.startOffset().orElse(null), e.endOffset().orElse(null), e.sentimentScore().orElse(null),
                    e.sentimentMagnitude().orElse(null), e.messageName(), e.createTime(), e.sendTime().orElse(null));
        }
    }

    static TranscriptView of(String conversation, List<TranscriptEntry> entries) {
        return new TranscriptView(conversation, entries.stream().map(Utterance::of).toList());
    }
}
