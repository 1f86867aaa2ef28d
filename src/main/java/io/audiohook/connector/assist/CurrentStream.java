package io.audiohook.connector.assist;

import java.util.function.LongConsumer;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.audio.RecognizerEncoding;

/**
 * What is done to one participant's streams, whichever state calls for it: the next one opened with its
 * configuration, waiting audio pumped onto the current one, and the current one let go (flushed and half-closed,
 * abandoned when it stalled, replaced when it grew old). When to do which is {@link ParticipantStream}'s decision;
 * which streams exist is {@link LiveStreams}' bookkeeping; what was done is counted and said by {@link StreamLog}.
 *
 * <p>Threading: not thread-safe; every call runs under its {@link ParticipantStream}'s monitor, the pump's drain
 * timer included.
 */
final class CurrentStream {

    /** What pumping came to, for the state machine. */
    enum Pumped {
        /** Nothing to decide: what could go went, and the drain timer pumps the rest. */
        GOING,
        /** It never became ready to take audio and was abandoned: another one is due after the backoff. */
        STALLED,
        /** It reached {@code recycle-max}: it must be replaced now. */
        TOO_OLD,
        /** The call is closing and everything went: it was half-closed, its last results follow. */
        ALL_SENT,
        /** The audio before a cut went: it was half-closed, and the audio after the cut waits for the next one. */
        CUT
    }

    private final LiveStreams streams;
    private final ParticipantAudio audio;
    private final AudioPump pump;
    private final StreamRequests requests;
    private final StreamLog log;
    private final Timers timers;
    private final long recycleAfterNanos;

    /** @param drainTick see {@link AudioPump}: it takes the participant's monitor and pumps again */
    CurrentStream(LiveStreams streams, ParticipantAudio audio, RecognizerEncoding sent,
            AssistSettings.Streaming streaming, StreamLog log, Timers timers, LongConsumer drainTick) {
        this.streams = streams;
        this.audio = audio;
        this.pump = new AudioPump(audio, streaming, timers, drainTick);
        this.requests = new StreamRequests(sent, streaming.extended());
        this.log = log;
        this.timers = timers;
        this.recycleAfterNanos = streaming.limits().recycleAfter().toNanos();
    }

    /**
     * Opens the next stream, with an empty look-back, and sends it its configuration.
     *
     * @return false if it failed while being opened: its error callback took over
     * @throws IllegalStateException when the clients are closed (shutdown)
     * @throws RuntimeException      when no call could be made (no client could be built, say)
     */
    boolean open(StreamTransport transport, StreamTarget target, String language) {
        audio.streamOpened();
        StreamAttempt attempt;
        try {
            attempt = streams.open(transport);
        } catch (IllegalStateException e) {
            log.notOpened(e);
            throw new NotOpened(e, true);
        } catch (RuntimeException e) {
            throw new NotOpened(e, false);
        }
        log.opened();
        attempt.language = language;
        if (streams.current() != attempt || !attempt.send(requests.config(target, language))) {
            return false;
        }
        log.configured(attempt, language, audio.queued());
        return true;
    }

    /** Sends whatever the pacer and the transport allow onto the current stream; the drain timer sends the rest. */
    Pumped pump(boolean closing) {
        StreamAttempt current = streams.current();
        switch (pump.pump(current, closing)) {
            case STALLED -> {
                current.call.stalled(); // its connection has no free slot: the pool hears of it
                streams.cancelCurrent();
                pump.cancel();
                return Pumped.STALLED;
            }
            case RECYCLE -> {
                // old enough just as the cut was reached: the cut ends it
                return audio.atCut() ? endAtCut() : Pumped.TOO_OLD;
            }
            case SENT -> {
                if (audio.atCut()) {
                    return endAtCut();
                }
                if (closing && audio.queued() == 0) {
                    streams.halfCloseCurrent();
                    return Pumped.ALL_SENT;
                }
            }
            default -> {
            }
        }
        return Pumped.GOING;
    }

    /** The audio before the cut went: the stream is half-closed; its participant passes the cut. */
    private Pumped endAtCut() {
        streams.halfCloseCurrent();
        return Pumped.CUT;
    }

    /** The drain timer went off. @return false for a tick that was cancelled meanwhile: nothing to pump */
    boolean drained(long tick) {
        return pump.drained(tick);
    }

    /**
     * The current stream ends with what is queued now: it goes at the pacer's rate, then the stream is half-closed
     * ({@link Pumped#CUT}), so that an utterance in flight at a pause or a language change ends where the change
     * came, on the AudioHook timeline, not later with audio that came after it. When no stream is live but audio
     * waits, the next stream ends there.
     *
     * @param state  where the participant is when the change comes
     * @return whether a cut is to be reached (none in PAUSED or STOPPED, nor when nothing waits and none is live)
     */
    boolean cutAt(ParticipantState state) {
        if (state == ParticipantState.STREAMING || (state != ParticipantState.PAUSED
                && state != ParticipantState.STOPPED && audio.queued() > 0)) {
            audio.cut();
            return true;
        }
        return false;
    }

    /** For good: nothing more is pumped, waiting audio is dropped (and counted), the current stream half-closed. */
    void stop() {
        pump.cancel();
        audio.discard();
        streams.halfCloseCurrent();
    }

    /**
     * A final result arrived on {@code attempt}: a replay after a failure starts where it ended.
     *
     * @return true if {@code attempt} is the current stream and old enough to be replaced now, between utterances
     */
    boolean finalResult(StreamAttempt attempt, StreamingRecognitionResult result) {
        attempt.finalResult(result, audio.bytesPerSecond(), audio.bytesPerTimelineSample());
        return attempt == streams.current() && audio.age(attempt, timers.nanoTime()) >= recycleAfterNanos;
    }

    /**
     * Half-closes the current stream to replace it. Only a recycle right after a final result replays the look-back:
     * a forced one lands mid-utterance, and the half-close already makes the old stream finalise that utterance, so
     * replaying it would transcribe it twice.
     *
     * @param afterFinal queue what it carried after its last final for the next stream (if the model allows replay)
     */
    void recycle(boolean afterFinal, boolean modelAllowsReplay) {
        StreamAttempt old = streams.current();
        if (afterFinal) {
            audio.replayAfterLastFinal(old, modelAllowsReplay);
        }
        streams.halfCloseCurrent();
        log.recycled(old, audio.age(old, timers.nanoTime()));
    }

    /**
     * {@code attempt}'s call failed. One already let go is said at DEBUG only: its successor carries on.
     *
     * @return true if it was the current stream: it no longer is, and nothing more is pumped
     */
    boolean failed(StreamAttempt attempt, StatusCode.Code code) {
        if (!ended(attempt)) {
            log.endedAfterHalfClose(attempt, code);
            return false;
        }
        return true;
    }

    /**
     * {@code attempt}'s call ended normally: after a half-close, its last results came.
     *
     * @return true if it was the current stream, which the service ended unasked: it no longer is current, and
     *         nothing more is pumped
     */
    boolean completed(StreamAttempt attempt) {
        return ended(attempt);
    }

    private boolean ended(StreamAttempt attempt) {
        if (!streams.ended(attempt)) {
            return false;
        }
        pump.cancel();
        return true;
    }

    /**
     * The stream could not be opened at all (nothing of it is live): only this is the caller's to recover from, so
     * a bug later in the opening is never mistaken for a refused stream.
     */
    static final class NotOpened extends RuntimeException {
        private final boolean clientsClosed;

        NotOpened(RuntimeException cause, boolean clientsClosed) {
            super(cause.toString(), cause);
            this.clientsClosed = clientsClosed;
        }

        /** The clients are closed (shutdown): nothing to retry. */
        boolean clientsClosed() {
            return clientsClosed;
        }
    }
}
