package io.audiohook.connector.assist;

import static com.google.protobuf.util.Durations.toNanos;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.audio.Timeline;
import io.audiohook.connector.protocol.Durations;

/**
 * Where a recognition result sits on the AudioHook stream timeline (the time base of {@code position}: pauses do
 * not advance it, discarded audio does), in samples at 8 kHz: the utterance, and each word of its
 * {@code speech_word_info} in the same order. Dialogflow times a result from its stream's first sample; the
 * stream's {@link StreamClock} says where that audio was on the timeline.
 *
 * @param wordStarts a copy per result: nobody writes to it
 */
public record Placement(long start, long end, long[] wordStarts, long[] wordEnds) {

    /** The utterance's start on the timeline, in nanoseconds. */
    public long startNanos() {
        return Durations.toNanos(start, Timeline.RATE);
    }

    public long endNanos() {
        return Durations.toNanos(end, Timeline.RATE);
    }

    /** The start of each word, in order. */
    public long wordStart(int i) {
        return wordStarts[i];
    }

    public long wordEnd(int i) {
        return wordEnds[i];
    }

    /**
     * @param utteranceStart the stream sample where this utterance can have begun at the earliest (the end of the
     *                       stream's previous final result): the start of a result without word timings
     */
    static Placement of(StreamingRecognitionResult result, StreamClock clock, long utteranceStart) {
        List<SpeechWordInfo> words = result.getSpeechWordInfoList();
        long[] starts = new long[words.size()];
        long[] ends = new long[words.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = clock.positionOfNanos(toNanos(words.get(i).getStartOffset()));
            ends[i] = Math.max(starts[i], clock.positionOfNanos(toNanos(words.get(i).getEndOffset())));
        }
        long start = starts.length > 0 ? starts[0] : clock.positionOf(utteranceStart);
        long end;
        if (result.hasSpeechEndOffset()) {
            end = clock.positionOfNanos(toNanos(result.getSpeechEndOffset()));
        } else {
            end = ends.length > 0 ? ends[ends.length - 1] : clock.positionOf(clock.samples());
        }
        if (ends.length > 0) {
            end = Math.max(end, ends[ends.length - 1]);
        }
        return new Placement(start, Math.max(start, end), starts, ends);
    }
}
