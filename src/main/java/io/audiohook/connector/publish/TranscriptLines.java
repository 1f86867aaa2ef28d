package io.audiohook.connector.publish;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.RecognitionResult;

/**
 * Turns events into transcript lines. The line comes from {@link NewMessage}, not from the final recognition
 * result: the message is what Dialogflow stored for the utterance (its name, create time and sentiment), and
 * every final result is followed by one. Offsets are only in the recognition result, so the last final result of
 * each participant is remembered until its message arrives.
 */
final class TranscriptLines {
    /** Bounds the memory of participants whose message never came (a stream that failed after a final). */
    private static final int MAX_REMEMBERED = 10_000;

    private record Offsets(Optional<String> start, Optional<String> end) {
    }

    private final Map<String, Offsets> lastFinal = new ConcurrentHashMap<>();

    Optional<TranscriptEntry> line(AssistEvent event) {
        if (event instanceof RecognitionResult r && r.result().getIsFinal()) {
            if (lastFinal.size() >= MAX_REMEMBERED) {
                lastFinal.clear();
            }
            lastFinal.put(r.participantName(), offsets(r.result()));
            return Optional.empty();
        }
        if (event instanceof NewMessage m) {
            Message message = m.message();
            if (message.getContent().isBlank()) {
                return Optional.empty();
            }
            Offsets offsets = Optional.ofNullable(lastFinal.remove(message.getParticipant()))
                    .orElse(new Offsets(Optional.empty(), Optional.empty()));
            boolean sentiment = message.hasSentimentAnalysis()
                    && message.getSentimentAnalysis().hasQueryTextSentiment();
            return Optional.of(new TranscriptEntry("", message.getParticipantRole().name(), message.getParticipant(),
                    message.getContent(), message.getLanguageCode(), offsets.start(), offsets.end(),
                    sentiment ? Optional.of(message.getSentimentAnalysis().getQueryTextSentiment().getScore())
                            : Optional.empty(),
                    sentiment ? Optional.of(message.getSentimentAnalysis().getQueryTextSentiment().getMagnitude())
                            : Optional.empty(),
                    message.getName(), message.hasCreateTime() ? Timestamps.toString(message.getCreateTime()) : "",
                    message.hasSendTime() ? Optional.of(Timestamps.toString(message.getSendTime())) : Optional.empty()));
        }
        return Optional.empty();
    }

    private static Offsets offsets(StreamingRecognitionResult result) {
        Optional<String> start = result.getSpeechWordInfoCount() > 0 && result.getSpeechWordInfo(0).hasStartOffset()
                ? Optional.of(Durations.toString(result.getSpeechWordInfo(0).getStartOffset()))
                : Optional.empty();
        Optional<String> end = result.hasSpeechEndOffset()
                ? Optional.of(Durations.toString(result.getSpeechEndOffset()))
                : Optional.empty();
        return new Offsets(start, end);
    }
}
