package io.audiohook.connector.publish;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.Placement;
import io.audiohook.connector.assist.RecognitionResult;

/**
 * Turns events into transcript lines. The line comes from {@link NewMessage}, not from the final recognition
 * result: the message is what Dialogflow stored for the utterance (its name, create time and sentiment), and
 * every final result is followed by one. Offsets are only in the recognition result, so the last final result of
 * each participant is remembered until its message arrives. They are positions on the call's AudioHook timeline
 * (pauses do not advance it, discarded audio does), not times of the stream that recognised the utterance.
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
            lastFinal.put(r.participantName(), offsets(r));
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

    /** Where the utterance is on the call's AudioHook timeline: the same time base whichever stream recognised it. */
    private static Offsets offsets(RecognitionResult r) {
        Placement at = r.placement();
        if (at.start() < 0) {
            return new Offsets(Optional.empty(), Optional.empty()); // a stream that carried no audio
        }
        return new Offsets(Optional.of(Durations.toString(Durations.fromNanos(at.startNanos()))),
                Optional.of(Durations.toString(Durations.fromNanos(at.endNanos()))));
    }
}
