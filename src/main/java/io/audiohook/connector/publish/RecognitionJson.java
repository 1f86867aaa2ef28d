package io.audiohook.connector.publish;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;

/**
 * The recognition-result notification ({@code ConversationEvent} of type {@code NEW_RECOGNITION_RESULT}) written as
 * protobuf's {@code JsonFormat} writes it, character for character, without its reflection: the most frequent event
 * (every interim result of every participant) was the largest single cost of publishing. Fields in field-number
 * order, proto3 defaults left out, enums by name, floats as {@link Float#toString}, durations as
 * {@link Durations#toString}, strings escaped as Gson escapes them (HTML-safe, as {@code JsonFormat} uses it). A
 * result with DTMF digits is left to {@code JsonFormat} ({@link #write} answers null). A property test holds it to
 * {@code JsonFormat}'s output.
 */
final class RecognitionJson {
    private static final String[] CONTROL = new String[0x20];

    static {
        for (int c = 0; c < 0x20; c++) {
            CONTROL[c] = String.format("\\u%04x", c);
        }
        CONTROL['\t'] = "\\t";
        CONTROL['\b'] = "\\b";
        CONTROL['\n'] = "\\n";
        CONTROL['\r'] = "\\r";
        CONTROL['\f'] = "\\f";
    }

    private RecognitionJson() {
    }

    /** The notification's JSON, or null when only {@code JsonFormat} can write it. */
    static String write(String conversation, StreamingRecognitionResult r) {
        if (r.hasDtmfDigits()) {
            return null;
        }
        StringBuilder json = new StringBuilder(256 + r.getTranscript().length() + 96 * r.getSpeechWordInfoCount());
        json.append('{');
        boolean first = true;
        if (!conversation.isEmpty()) {
            json.append("\"conversation\":");
            string(json, conversation);
            first = false;
        }
        json.append(first ? "" : ",").append("\"type\":\"NEW_RECOGNITION_RESULT\",\"newRecognitionResultPayload\":{");
        Fields f = new Fields(json);
        int type = r.getMessageTypeValue();
        if (type != 0) {
            StreamingRecognitionResult.MessageType known = StreamingRecognitionResult.MessageType.forNumber(type);
            f.name("messageType");
            if (known == null) {
                json.append(type);
            } else {
                json.append('"').append(known.name()).append('"');
            }
        }
        if (!r.getTranscript().isEmpty()) {
            string(f.name("transcript"), r.getTranscript());
        }
        if (r.getIsFinal()) {
            f.name("isFinal").append("true");
        }
        floatField(f, "confidence", r.getConfidence());
        floatField(f, "stability", r.getStability());
        List<SpeechWordInfo> words = r.getSpeechWordInfoList();
        if (!words.isEmpty()) {
            f.name("speechWordInfo").append('[');
            for (int i = 0; i < words.size(); i++) {
                word(i == 0 ? json : json.append(','), words.get(i));
            }
            json.append(']');
        }
        if (r.hasSpeechEndOffset()) {
            duration(f.name("speechEndOffset"), r.getSpeechEndOffset());
        }
        if (!r.getLanguageCode().isEmpty()) {
            string(f.name("languageCode"), r.getLanguageCode());
        }
        return json.append("}}").toString();
    }

    private static void word(StringBuilder json, SpeechWordInfo w) {
        json.append('{');
        Fields f = new Fields(json);
        if (w.hasStartOffset()) {
            duration(f.name("startOffset"), w.getStartOffset());
        }
        if (w.hasEndOffset()) {
            duration(f.name("endOffset"), w.getEndOffset());
        }
        if (!w.getWord().isEmpty()) {
            string(f.name("word"), w.getWord());
        }
        floatField(f, "confidence", w.getConfidence());
        json.append('}');
    }

    /** A proto3 float is present unless its bits are zero (so -0.0 is written); NaN and infinities are quoted. */
    private static void floatField(Fields f, String name, float value) {
        if (Float.floatToRawIntBits(value) == 0) {
            return;
        }
        StringBuilder json = f.name(name);
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            json.append('"').append(value).append('"');
        } else {
            json.append(Float.toString(value));
        }
    }

    private static void duration(StringBuilder json, Duration d) {
        json.append('"').append(Durations.toString(d)).append('"');
    }

    /** As Gson's HTML-safe writer: quotes, backslashes, control characters, {@code <>&='} and U+2028/9. */
    static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                json.append(CONTROL[c]);
            } else {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '<' -> json.append("\\u003c");
                    case '>' -> json.append("\\u003e");
                    case '&' -> json.append("\\u0026");
                    case '=' -> json.append("\\u003d");
                    case '\'' -> json.append("\\u0027");
                    case '\u2028' -> json.append("\\u2028");
                    case '\u2029' -> json.append("\\u2029");
                    default -> json.append(c);
                }
            }
        }
        json.append('"');
    }

    /** Writes the commas between an object's fields. */
    private static final class Fields {
        private final StringBuilder json;
        private boolean any;

        Fields(StringBuilder json) {
            this.json = json;
        }

        StringBuilder name(String name) {
            if (any) {
                json.append(',');
            }
            any = true;
            return json.append('"').append(name).append("\":");
        }
    }
}
