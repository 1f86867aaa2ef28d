package io.audiohook.connector.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversation's summary as kept in the durable transcript (the last one written is the summary).
 *
 * @param id            the stream entry id, empty before it is written
 * @param participant   the human agent it was compiled for
 * @param source        {@code suggestConversationSummary} or {@code generateSuggestions}
 * @param generator     the generator's name for {@code generateSuggestions}, else empty
 * @param text          the whole summary as one text
 * @param sections      a JSON array of {@code {"section": …, "summary": …}}, in Dialogflow's order
 * @param answerRecord  Dialogflow's answer record, for feedback
 * @param message       the last message it summarizes, when Dialogflow said
 * @param createTime    when it was published (RFC 3339)
 */
public record SummaryEntry(String id, String participant, String source, String generator, String text,
        String sections, String answerRecord, String message, String createTime) implements TranscriptRecord {

    static final String KIND_VALUE = "summary";
    static final String SOURCE = "source";
    static final String GENERATOR = "generator";
    static final String SECTIONS = "sections";
    static final String ANSWER_RECORD = "answer_record";

    @Override
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(KIND, KIND_VALUE);
        fields.put(TranscriptEntry.PARTICIPANT, participant);
        fields.put(SOURCE, source);
        fields.put(GENERATOR, generator);
        fields.put(TranscriptEntry.TEXT, text);
        fields.put(SECTIONS, sections);
        fields.put(ANSWER_RECORD, answerRecord);
        fields.put(TranscriptEntry.MESSAGE, message);
        fields.put(TranscriptEntry.CREATE_TIME, createTime);
        return fields;
    }

    @Override
    public long bytes() {
        return 2L * (participant.length() + text.length() + sections.length() + answerRecord.length()
                + message.length()) + 128;
    }

    static SummaryEntry fromFields(String id, Map<String, String> f) {
        return new SummaryEntry(id, f.getOrDefault(TranscriptEntry.PARTICIPANT, ""), f.getOrDefault(SOURCE, ""),
                f.getOrDefault(GENERATOR, ""), f.getOrDefault(TranscriptEntry.TEXT, ""),
                f.getOrDefault(SECTIONS, "[]"), f.getOrDefault(ANSWER_RECORD, ""),
                f.getOrDefault(TranscriptEntry.MESSAGE, ""), f.getOrDefault(TranscriptEntry.CREATE_TIME, ""));
    }
}
