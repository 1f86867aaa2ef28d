package io.audiohook.connector.assist;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

/**
 * Moves a participant's waiting audio onto its current stream: as much as the pacer and the transport allow now,
 * the rest when the drain timer fires. It reports what stopped it, so that its {@link ParticipantStream} decides:
 * a stream that never became ready within the start timeout (no free slot on its connection), or one old enough
 * to be replaced. Not thread-safe: the stream's monitor guards it, the drain timer included.
 */
final class AudioPump {
    private static final long NOT_READY_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    enum Outcome {
        /** Nothing more to send now: all of it went, or the rest is less than a chunk. */
        SENT,
        /** The pacer or the transport wants to wait; the drain timer will pump again. */
        WAITING,
        /** The stream never became ready to take audio within the start timeout. */
        STALLED,
        /** The stream reached {@code recycle-max}. */
        RECYCLE,
        /** The stream refused a message: it failed, and its error callback follows. */
        FAILED
    }

    private final ParticipantAudio audio;
    private final AssistSettings.Streaming streaming;
    private final Timers timers;
    private final java.util.function.LongConsumer drainTick;
    private Timers.Timer drainTimer;
    /** Which tick is the live one: a cancelled one that runs anyway must not clear its successor. */
    private long tick;

    /** @param drainTick run by the drain timer with its tick number; it takes the stream's monitor and pumps again */
    AudioPump(ParticipantAudio audio, AssistSettings.Streaming streaming, Timers timers,
            java.util.function.LongConsumer drainTick) {
        this.audio = audio;
        this.streaming = streaming;
        this.timers = timers;
        this.drainTick = drainTick;
    }

    /** @param flushTail also send the last part shorter than a chunk (the call is closing) */
    Outcome pump(StreamAttempt stream, boolean flushTail) {
        int n;
        while ((n = audio.nextChunk(flushTail)) > 0) {
            long now = timers.nanoTime();
            long wait = audio.waitNanos(n, now);
            if (wait > 0) {
                scheduleDrain(wait);
                return Outcome.WAITING;
            }
            if (!stream.call.isReady()) {
                if (!stream.everReady && now - stream.openedNanos >= streaming.startTimeout().toNanos()) {
                    return Outcome.STALLED;
                }
                scheduleDrain(NOT_READY_RETRY_NANOS);
                return Outcome.WAITING;
            }
            stream.everReady = true;
            if (!send(stream, n, now)) {
                return Outcome.FAILED;
            }
            if (audio.age(stream, now) >= streaming.limits().recycleMax().toNanos()) {
                return Outcome.RECYCLE;
            }
        }
        return Outcome.SENT;
    }

    private boolean send(StreamAttempt stream, int n, long now) {
        int replayed = Math.min(audio.replayAtHead(), n);
        ByteString chunk = audio.take(n, now);
        if (stream.send(StreamRequests.audio(chunk))) {
            audio.sent(stream, chunk, replayed);
            return true;
        }
        audio.drop(n - replayed);
        return false;
    }

    private void scheduleDrain(long delayNanos) {
        if (drainTimer == null) {
            long number = ++tick;
            drainTimer = timers.schedule(() -> drainTick.accept(number), delayNanos);
        }
    }

    /**
     * The drain timer went off (called under the stream's monitor before it pumps again).
     *
     * @return false for a tick that was cancelled meanwhile: nothing to do
     */
    boolean drained(long number) {
        if (drainTimer == null || number != tick) {
            return false;
        }
        drainTimer = null;
        return true;
    }

    void cancel() {
        if (drainTimer != null) {
            drainTimer.cancel();
            drainTimer = null;
        }
    }
}
