package io.audiohook.connector.assist;

import java.util.function.Supplier;

import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.log.LogContext;

/**
 * One StreamingAnalyzeContent call of a participant: what it carried, where its last final result ended, and the
 * utterance id its results share. Its transport callbacks go to the owning {@link ParticipantStream}, which
 * guards every field here with its monitor.
 */
final class StreamAttempt implements StreamTransport.Callbacks {

    /** The owner's side of the callbacks. */
    interface Owner {
        void onResponse(StreamAttempt attempt, StreamingAnalyzeContentResponse response, long receivedNanos);

        void onError(StreamAttempt attempt, Throwable error);

        void onComplete(StreamAttempt attempt);
    }

    final int id;
    final long openedNanos;
    private final Owner owner;
    /** New utterance ids, unique within the participant. */
    private final Supplier<String> utteranceIds;
    private final Timers timers;
    private final LogContext logContext;
    StreamTransport.Call call;
    /** The transport took audio at least once: a later wait is back-pressure, not a stall. */
    boolean everReady;
    long bytesOnStream;
    /** The language it was opened with. */
    String language;
    /** Where this stream's audio sits on the AudioHook timeline, for its results' offsets. */
    final StreamClock clock = new StreamClock();
    /** Offset, in bytes of this stream's audio, where the last final result ended. */
    long lastFinalEndBytes;
    private String utteranceId;

    /** @param logContext entered around every callback, so what the owner logs carries the call's ids */
    StreamAttempt(int id, long openedNanos, Owner owner, Supplier<String> utteranceIds, Timers timers,
            LogContext logContext) {
        this.id = id;
        this.openedNanos = openedNanos;
        this.owner = owner;
        this.utteranceIds = utteranceIds;
        this.timers = timers;
        this.logContext = logContext;
    }

    String utteranceId() {
        if (utteranceId == null) {
            utteranceId = utteranceIds.get();
        }
        return utteranceId;
    }

    /**
     * The utterance is over.
     *
     * @param bytesPerSecond         of one channel, in the encoding sent
     * @param bytesPerTimelineSample bytes of 1/8000 s: the end is kept on a whole timeline sample
     */
    void finalResult(StreamingRecognitionResult result, int bytesPerSecond, int bytesPerTimelineSample) {
        utteranceId = null;
        long end = bytesOnStream;
        if (result.hasSpeechEndOffset()) {
            com.google.protobuf.Duration offset = result.getSpeechEndOffset();
            end = offset.getSeconds() * bytesPerSecond + (long) offset.getNanos() * bytesPerSecond / 1_000_000_000L;
            end -= end % bytesPerTimelineSample;
        }
        lastFinalEndBytes = Math.max(lastFinalEndBytes, Math.min(end, bytesOnStream));
    }

    /** @return false if the call refused the message (it failed; its error callback follows) */
    boolean send(StreamingAnalyzeContentRequest request) {
        try {
            call.send(request);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void halfClose() {
        try {
            call.halfClose();
        } catch (RuntimeException e) {
            // already failed: its error callback says so
        }
    }

    void cancel() {
        try {
            call.cancel();
        } catch (RuntimeException e) {
            // already over
        }
    }

    @Override
    public void onResponse(StreamingAnalyzeContentResponse response) {
        long received = timers.nanoTime();
        try (var scope = logContext.enter()) {
            owner.onResponse(this, response, received);
        }
    }

    @Override
    public void onError(Throwable error) {
        try (var scope = logContext.enter()) {
            owner.onError(this, error);
        }
    }

    @Override
    public void onComplete() {
        try (var scope = logContext.enter()) {
            owner.onComplete(this);
        }
    }
}
