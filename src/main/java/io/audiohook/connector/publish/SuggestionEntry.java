package io.audiohook.connector.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Suggestions as kept in the durable transcript, next to the utterance that triggered them.
 *
 * @param id          the stream entry id, empty before it is written
 * @param role        whom they are for: {@code HUMAN_AGENT} or {@code END_USER}
 * @param participant that participant's resource name
 * @param message     the message (utterance) they were compiled for; empty when Dialogflow did not say
 * @param results     the suggestion results as a JSON array, each in proto3 JSON as the desktop got it
 * @param createTime  when they were published (RFC 3339)
 */
public record SuggestionEntry(String id, String role, String participant, String message, String results,
        String createTime) implements TranscriptRecord {

    static final String KIND_VALUE = "suggestion";
    static final String RESULTS = "results";

    @Override
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(KIND, KIND_VALUE);
        fields.put(TranscriptEntry.ROLE, role);
        fields.put(TranscriptEntry.PARTICIPANT, participant);
        fields.put(TranscriptEntry.MESSAGE, message);
        fields.put(RESULTS, results);
        fields.put(TranscriptEntry.CREATE_TIME, createTime);
        return fields;
    }

    @Override
    public long bytes() {
        return 2L * (participant.length() + message.length() + results.length()) + 128;
    }

    static SuggestionEntry fromFields(String id, Map<String, String> f) {
        return new SuggestionEntry(id, f.getOrDefault(TranscriptEntry.ROLE, ""),
                f.getOrDefault(TranscriptEntry.PARTICIPANT, ""), f.getOrDefault(TranscriptEntry.MESSAGE, ""),
                f.getOrDefault(RESULTS, "[]"), f.getOrDefault(TranscriptEntry.CREATE_TIME, ""));
    }
}
