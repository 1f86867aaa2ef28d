package io.audiohook.connector.transcript;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.assist.Placement;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.protocol.Durations;

/**
 * One recognition result as the {@code transcript} entity of an AudioHook {@code event}
 * ({@code audiohook-protocol/schemas/transcript-entity.json}): the utterance's id, the index of its channel in the
 * negotiated media, its offset and duration on the stream timeline, and one alternative whose tokens are
 * Dialogflow's words with their own offsets (absolute, like the utterance's).
 */
final class TranscriptEntity {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int RATE = 8000;

    private TranscriptEntity() {
    }

    /**
     * @param id the utterance's UUID, the same for its interim results and its final; a result that does not say
     *           its language is in its stream's
     */
    static ObjectNode of(RecognitionResult recognised, int channelId, String id) {
        StreamingRecognitionResult result = recognised.result();
        Placement at = recognised.placement();
        float confidence = confidence(result);
        String lang = languageOf(result.getLanguageCode(), recognised.streamLanguage());
        ObjectNode data = JSON.objectNode()
                .put("id", id)
                .put("channelId", channelId)
                .put("isFinal", result.getIsFinal())
                .put("offset", Durations.formatSamples(at.start(), RATE))
                .put("duration", Durations.formatSamples(at.end() - at.start(), RATE));
        ObjectNode alternative = data.putArray("alternatives").addObject().put("confidence", confidence);
        alternative.putArray("languages").add(lang);
        ObjectNode interpretation = alternative.putArray("interpretations").addObject()
                .put("type", "display")
                .put("transcript", result.getTranscript().strip());
        if (result.getIsFinal()) {
            tokens(interpretation.putArray("tokens"), result, at, confidence);
        }
        ObjectNode entity = JSON.objectNode().put("type", "transcript");
        entity.set("data", data);
        return entity;
    }

    /** A final's confidence is Dialogflow's; an interim has none, so its stability stands in. */
    private static float confidence(StreamingRecognitionResult result) {
        float c = result.getIsFinal() ? result.getConfidence() : result.getStability();
        return Math.max(0f, Math.min(1f, c));
    }

    /**
     * Dialogflow's words, each with its own time; without word timings (a model that has none) the transcript's
     * words share the utterance evenly, so every token still has a distinct offset inside it.
     */
    private static void tokens(ArrayNode tokens, StreamingRecognitionResult result, Placement at, float confidence) {
        List<SpeechWordInfo> words = result.getSpeechWordInfoList();
        if (!words.isEmpty()) {
            for (int i = 0; i < words.size(); i++) {
                SpeechWordInfo word = words.get(i);
                float c = word.getConfidence() > 0 ? Math.min(1f, word.getConfidence()) : confidence;
                token(tokens, word.getWord(), c, at.wordStart(i), at.wordEnd(i));
            }
            return;
        }
        String[] split = result.getTranscript().strip().split("\\s+");
        if (split.length == 1 && split[0].isEmpty()) {
            return;
        }
        long span = Math.max(split.length, at.end() - at.start());
        for (int i = 0; i < split.length; i++) {
            long start = at.start() + span * i / split.length;
            long end = at.start() + span * (i + 1) / split.length;
            token(tokens, split[i], confidence, start, end);
        }
    }

    private static void token(ArrayNode tokens, String value, float confidence, long start, long end) {
        tokens.addObject()
                .put("type", "word")
                .put("value", value)
                .put("confidence", confidence)
                .put("offset", Durations.formatSamples(start, RATE))
                .put("duration", Durations.formatSamples(Math.max(0, end - start), RATE));
    }

    /** Genesys writes {@code en-US}; Dialogflow may answer {@code en-us}. */
    static String languageOf(String reported, String fallback) {
        String code = reported == null || reported.isBlank() ? fallback : reported;
        int dash = code.indexOf('-');
        if (dash < 0) {
            return code.toLowerCase(Locale.ROOT);
        }
        return code.substring(0, dash).toLowerCase(Locale.ROOT) + code.substring(dash).toUpperCase(Locale.ROOT);
    }
}
