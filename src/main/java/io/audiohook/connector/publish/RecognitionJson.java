package io.audiohook.connector.publish;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

/**
 * The recognition-result notification ({@code ConversationEvent} of type {@code NEW_RECOGNITION_RESULT}) written as
 * protobuf's {@code JsonFormat} writes it, character for character, without its reflection ({@link ProtoJson}):
 * the most frequent event (every interim result of every participant) was the largest single cost of publishing.
 * Fields in field-number order. A result with DTMF digits is left to {@code JsonFormat} ({@link #write} answers
 * null). A property test holds it to {@code JsonFormat}'s output.
 */
final class RecognitionJson {

    private RecognitionJson() {
    }

    /** The notification's JSON, or null when only {@code JsonFormat} can write it. */
    static String write(String conversation, StreamingRecognitionResult r) {
        if (r.hasDtmfDigits()) {
            return null;
        }
        StringBuilder json = new StringBuilder(256 + r.getTranscript().length() + 96 * r.getSpeechWordInfoCount());
        ProtoJson event = MessageJson.event(json, conversation, "NEW_RECOGNITION_RESULT");
        event.name("newRecognitionResultPayload").append('{');
        ProtoJson f = new ProtoJson(json);
        int type = r.getMessageTypeValue();
        f.enumeration("messageType", type, StreamingRecognitionResult.MessageType.forNumber(type));
        f.string("transcript", r.getTranscript());
        f.bool("isFinal", r.getIsFinal());
        f.float32("confidence", r.getConfidence());
        f.float32("stability", r.getStability());
        List<SpeechWordInfo> words = r.getSpeechWordInfoList();
        if (!words.isEmpty()) {
            f.name("speechWordInfo").append('[');
            for (int i = 0; i < words.size(); i++) {
                word(i == 0 ? json : json.append(','), words.get(i));
            }
            json.append(']');
        }
        if (r.hasSpeechEndOffset()) {
            f.duration("speechEndOffset", r.getSpeechEndOffset());
        }
        f.string("languageCode", r.getLanguageCode());
        return json.append("}}").toString();
    }

    private static void word(StringBuilder json, SpeechWordInfo w) {
        json.append('{');
        ProtoJson f = new ProtoJson(json);
        if (w.hasStartOffset()) {
            f.duration("startOffset", w.getStartOffset());
        }
        if (w.hasEndOffset()) {
            f.duration("endOffset", w.getEndOffset());
        }
        f.string("word", w.getWord());
        f.float32("confidence", w.getConfidence());
        json.append('}');
    }
}
