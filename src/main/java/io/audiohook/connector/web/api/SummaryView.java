package io.audiohook.connector.web.api;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.audiohook.connector.publish.SummaryEntry;

/**
 * A conversation's summary, as Dialogflow returned it when its call ended.
 *
 * @param conversation the conversation name without location
 * @param source       {@code suggestConversationSummary} or {@code generateSuggestions}
 * @param generator    the summarization generator for {@code generateSuggestions}, else null
 * @param sections     {@code [{"section": "situation", "summary": "…"}, …]} in Dialogflow's order
 * @param message      the last message it summarizes, or null
 */
public record SummaryView(String conversation, String participant, String source, String generator, String text,
        @JsonRawValue String sections, String answerRecord, String message, String createTime) {

    static SummaryView of(String conversation, SummaryEntry e) {
        return new SummaryView(conversation, e.participant(), e.source(), blankToNull(e.generator()), e.text(),
                StoredJson.array(e.sections()), blankToNull(e.answerRecord()), blankToNull(e.message()),
                e.createTime());
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
