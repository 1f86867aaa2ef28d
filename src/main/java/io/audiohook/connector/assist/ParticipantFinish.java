package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One participant's finish, asked for once by the call's close: done when no result is still to come and no
 * waiting audio can still go, or at its deadline (the waiting audio's share of drain time plus
 * {@code finalResultsTimeout}), whichever is first.
 *
 * <p>Threading: not thread-safe, its {@link ParticipantStream}'s monitor guards it. The future itself is always
 * completed by a timer task, never by the caller: what waits for it (the session sending {@code closed}) takes the
 * session's lock, and the session's thread may be waiting for the stream's monitor, so completing it under that
 * monitor could deadlock.
 */
final class ParticipantFinish {
    private final Timers timers;
    private final LiveStreams streams;
    private final ParticipantAudio audio;
    private final StreamLog log;
    private final long finalResultsTimeoutNanos;
    private CompletableFuture<Void> future;
    /** The completion is scheduled: it is as good as done. */
    private boolean completing;

    ParticipantFinish(Timers timers, LiveStreams streams, ParticipantAudio audio, StreamLog log,
            Duration finalResultsTimeout) {
        this.timers = timers;
        this.streams = streams;
        this.audio = audio;
        this.finalResultsTimeoutNanos = finalResultsTimeout.toNanos();
        this.log = log;
    }

    /** Whether the finish was asked for. */
    boolean requested() {
        return future != null;
    }

    /**
     * Makes the future (once; later calls change nothing) and sets its deadline.
     *
     * @param onDeadline run by a timer at the deadline unless the future completed first; it takes the stream's
     *                   monitor and calls {@link #deadlinePassed()}
     */
    CompletableFuture<Void> request(Runnable onDeadline) {
        if (future == null) {
            long deadline = audio.drainNanos() + finalResultsTimeoutNanos;
            future = new CompletableFuture<>();
            Timers.Timer timer = timers.schedule(onDeadline, deadline);
            future.whenComplete((v, e) -> timer.cancel());
        }
        return future;
    }

    /** The future, or null before {@link #request}. */
    CompletableFuture<Void> future() {
        return future;
    }

    /** Completes a pending finish at its deadline, whatever is still waiting. */
    void deadlinePassed() {
        if (future != null && !future.isDone()) {
            log.finishTimedOut(audio.queued());
            complete();
        }
    }

    /**
     * Completes a requested finish if it is done: no result is still to come, and no waiting audio can still go.
     *
     * @param streamMayOpen a stream is open or will be (no pause, no stop), so what waits can still go
     */
    void check(boolean streamMayOpen) {
        if (streams.idle() && (!streamMayOpen || audio.queued() == 0)) {
            complete();
        }
    }

    private void complete() {
        if (future != null && !completing) {
            completing = true;
            CompletableFuture<Void> f = future;
            timers.schedule(() -> f.complete(null), 0);
        }
    }
}
