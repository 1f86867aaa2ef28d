package io.audiohook.connector.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One final utterance of a conversation as kept in its Redis Stream.
 *
 * @param id the stream entry id ({@code <millis>-<seq>}), empty before it is written
 * @param role {@code END_USER} or {@code HUMAN_AGENT}
 * @param participant the participant's resource name
 * @param messageName the Dialogflow message's resource name
 * @param createTime when Dialogflow created the message (RFC 3339)
 * @param sendTime when the utterance started (RFC 3339), if Dialogflow said
 * @param startOffset, endOffset position of the speech as a proto3 JSON duration ({@code "3.420s"}) on the call's
 *        AudioHook timeline (the time base of Genesys' {@code position}: pauses do not advance it, discarded
 *        audio does), whichever Dialogflow stream recognised it; known only when the final recognition result of
 *        the same participant came first
 * @param sentimentScore, sentimentMagnitude only when the conversation profile enables sentiment analysis
 */
public record TranscriptEntry(String id, String role, String participant, String text, String language,
        Optional<String> startOffset, Optional<String> endOffset, Optional<Float> sentimentScore,
        Optional<Float> sentimentMagnitude, String messageName, String createTime, Optional<String> sendTime)
        implements TranscriptRecord {

    static final String ROLE = "role";
    static final String PARTICIPANT = "participant";
    static final String TEXT = "text";
    static final String LANGUAGE = "language";
    static final String START_OFFSET = "start_offset";
    static final String END_OFFSET = "end_offset";
    static final String SENTIMENT_SCORE = "sentiment_score";
    static final String SENTIMENT_MAGNITUDE = "sentiment_magnitude";
    static final String MESSAGE = "message";
    static final String CREATE_TIME = "create_time";
    static final String SEND_TIME = "send_time";

    /** The stream entry's fields, in a fixed order; absent values are left out. An utterance has no kind. */
    @Override
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ROLE, role);
        fields.put(PARTICIPANT, participant);
        fields.put(TEXT, text);
        fields.put(LANGUAGE, language);
        startOffset.ifPresent(v -> fields.put(START_OFFSET, v));
        endOffset.ifPresent(v -> fields.put(END_OFFSET, v));
        sentimentScore.ifPresent(v -> fields.put(SENTIMENT_SCORE, Float.toString(v)));
        sentimentMagnitude.ifPresent(v -> fields.put(SENTIMENT_MAGNITUDE, Float.toString(v)));
        fields.put(MESSAGE, messageName);
        fields.put(CREATE_TIME, createTime);
        sendTime.ifPresent(v -> fields.put(SEND_TIME, v));
        return fields;
    }

    @Override
    public long bytes() {
        return text.length() + participant.length() + messageName.length() + 256L;
    }

    static TranscriptEntry fromFields(String id, Map<String, String> f) {
        return new TranscriptEntry(id, f.getOrDefault(ROLE, ""), f.getOrDefault(PARTICIPANT, ""),
                f.getOrDefault(TEXT, ""), f.getOrDefault(LANGUAGE, ""), Optional.ofNullable(f.get(START_OFFSET)),
                Optional.ofNullable(f.get(END_OFFSET)), number(f.get(SENTIMENT_SCORE)),
                number(f.get(SENTIMENT_MAGNITUDE)), f.getOrDefault(MESSAGE, ""), f.getOrDefault(CREATE_TIME, ""),
                Optional.ofNullable(f.get(SEND_TIME)));
    }

    private static Optional<Float> number(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Float.parseFloat(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
