package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.log.LogContext;

/**
 * One participant's audio on its way to StreamingAnalyzeContent, through as many streams as the call needs: the
 * state machine. Pacing is a {@link Pacer}, requests come from {@link StreamRequests}, reactions to errors from
 * {@link StreamFailure}, and time from {@link Timers}, so all of it runs the same under a unit test's clock.
 *
 * <p>All state is guarded by this object's monitor and every critical section is short and non-blocking: callers
 * are the session's event loop (audio, pause, ...), transport threads (responses, errors) and the timers. Streams
 * are only ever opened from a timer task, so an event loop never builds a call or a channel.
 *
 * <p>A stream is replaced before Dialogflow's duration limit (recycle), reopened with backoff after transient
 * errors (restart), kept waiting all call long while the quota or the credentials are exhausted, and given up only
 * for errors a retry cannot fix. A stream that is replaced is only half-closed: its remaining results still arrive.
 */
final class ParticipantStream implements StreamAttempt.Owner {
    private static final Logger LOG = Logger.getLogger(ParticipantStream.class);

    enum State {
        /** The conversation or the participant does not exist yet; audio waits. */
        WAITING_SETUP,
        /** A stream is about to open (on the timer); audio waits. */
        OPENING,
        STREAMING,
        /** AudioHook paused: no stream, so Dialogflow never sees an idle one. */
        PAUSED,
        /** Waiting to reopen after an error, a stall or a quota refusal; audio waits. */
        RESTARTING,
        /** For good: the call ended, setup failed, or Dialogflow refused in a way a retry cannot fix. */
        STOPPED
    }

    private final String sessionId;
    private final Participant.Role role;
    private final StreamServices services;
    private final AssistSettings.Streaming streaming;
    private final Timers timers;
    private final LogContext logContext;
    private final ParticipantCounters counters = new ParticipantCounters();
    private final StreamRequests requests;
    private final ParticipantAudio audio;
    private final AudioPump pump;
    private final Recovery recovery;
    private final ResultEvents events;
    private final String utterancePrefix = Long.toHexString(ThreadLocalRandom.current().nextLong());

    private State state = State.WAITING_SETUP;
    private StreamTarget target;
    private String language;
    private boolean paused;
    private CompletableFuture<Void> finished;
    /** {@code finished} is about to complete (on a timer). */
    private boolean finishing;
    private StreamAttempt current;
    private final Set<StreamAttempt> live = new HashSet<>();
    private Timers.Timer openTimer;
    private int generation;
    private long utterances;

    ParticipantStream(String sessionId, Participant.Role role, SampleFormat format, StreamServices services,
            CallWarnings warnings, LogContext logContext) {
        this.sessionId = sessionId;
        this.role = role;
        this.services = services;
        this.streaming = services.settings().streaming();
        this.timers = services.timers();
        this.logContext = logContext;
        this.requests = new StreamRequests(format, streaming.extended());
        this.audio = new ParticipantAudio(format, services.settings(), counters, services.latencies(),
                timers.nanoTime());
        this.pump = new AudioPump(audio, streaming, timers, tick -> inContext(() -> drainTick(tick)).run());
        this.recovery = new Recovery(sessionId, role, services.settings(), counters, services.metrics(), warnings);
        this.events = new ResultEvents(role, services);
    }

    Participant.Role role() {
        return role;
    }

    ParticipantCounters counters() {
        return counters;
    }

    synchronized State state() {
        return state;
    }

    /** Bytes from Genesys waiting to be sent (look-back copies queued for replay are not counted). */
    synchronized int waiting() {
        return audio.waiting();
    }

    synchronized String language() {
        return language;
    }

    // ------------------------------------------------------------------ from the call

    /** Setup is done: open the first stream unless the call is paused, stopped or over. */
    synchronized void start(StreamTarget target) {
        if (state != State.WAITING_SETUP) {
            return;
        }
        this.target = target;
        if (language == null) {
            language = target.language();
        }
        if (paused) {
            state = State.PAUSED;
            checkFinished();
        } else {
            openSoon(State.OPENING, 0);
        }
    }

    synchronized void audio(byte[] data, long arrivalNanos) {
        if (state == State.STOPPED) {
            audio.refused(data);
            return;
        }
        audio.received(data, arrivalNanos);
        if (state == State.STREAMING) {
            pump();
        }
    }

    synchronized void pause() {
        paused = true;
        switch (state) {
            case STREAMING -> closeCurrentAfterFlush();
            case OPENING, RESTARTING -> cancel(openTimer);
            default -> {
                return;
            }
        }
        openTimer = null;
        state = State.PAUSED;
        checkFinished();
    }

    synchronized void resume() {
        paused = false;
        if (state == State.PAUSED) {
            openSoon(State.OPENING, 0);
        }
    }

    /** Dialogflow finalises the open utterance on half-close; the next stream recognises the new language. */
    synchronized void languageChanged(String newLanguage) {
        language = newLanguage;
        recovery.languageChanged();
        if (state == State.STREAMING) {
            closeCurrentAfterFlush();
            openSoon(State.OPENING, 0);
        }
    }

    /**
     * The call is closing: send what waits, half-close, and complete once the last stream has delivered its
     * final results or the time is up (the waiting audio's share of drain time plus {@code finalResultsTimeout}).
     */
    synchronized CompletableFuture<Void> finish() {
        if (finished == null) {
            finished = new CompletableFuture<>();
            long timeout = audio.drainNanos() + services.settings().finalResultsTimeout().toNanos();
            Timers.Timer timer = timers.schedule(inContext(this::finishTimedOut), timeout);
            finished.whenComplete((v, e) -> timer.cancel());
            if (state == State.STREAMING) {
                pump();
            }
            checkFinished();
        }
        return finished;
    }

    private synchronized void finishTimedOut() {
        if (finished != null && !finished.isDone()) {
            LOG.debugf("session %s: %s stream did not finish in time (%d bytes waiting)", sessionId, role,
                    audio.queued());
            completeFinished();
        }
    }

    /**
     * Completes {@code finished} from a timer task, outside this monitor: what waits for it (the session sending
     * {@code closed}) takes the session's lock, and the session's thread may be waiting for this monitor.
     */
    private void completeFinished() {
        if (!finishing) {
            finishing = true;
            CompletableFuture<Void> f = finished;
            timers.schedule(() -> f.complete(null), 0);
        }
    }

    /**
     * The session is over: nothing more is sent. An open stream is half-closed so that its last results still
     * arrive; it is cancelled if they take longer than {@code finalResultsTimeout}.
     */
    synchronized void end() {
        stop();
        if (!live.isEmpty()) {
            List<StreamAttempt> leftovers = new ArrayList<>(live);
            timers.schedule(() -> leftovers.forEach(StreamAttempt::cancel),
                    services.settings().finalResultsTimeout().toNanos());
        }
    }

    /** Stops for good; waiting audio is dropped and counted. */
    synchronized void stop() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.STOPPED;
        pump.cancel();
        cancel(openTimer);
        openTimer = null;
        audio.discard();
        if (current != null) {
            current.halfClose();
            current = null;
        }
        checkFinished();
    }

    // ------------------------------------------------------------------ streams

    /** Opens the next stream from a timer task, after {@code delayNanos}; audio waits meanwhile. */
    private void openSoon(State waitingState, long delayNanos) {
        if (paused) {
            state = State.PAUSED; // no stream while the call is paused or on hold
            checkFinished();
            return;
        }
        cancel(openTimer);
        state = waitingState;
        openTimer = timers.schedule(inContext(this::openScheduled), delayNanos);
    }

    private synchronized void openScheduled() {
        openTimer = null;
        if (state == State.OPENING || state == State.RESTARTING) {
            open();
        }
    }

    private void open() {
        audio.streamOpened();
        StreamAttempt attempt = new StreamAttempt(++generation, timers.nanoTime(), this, timers, logContext);
        current = attempt;
        live.add(attempt);
        state = State.STREAMING;
        try {
            attempt.call = services.transport().open(attempt);
        } catch (IllegalStateException e) {
            // the clients are closed (shutdown): nothing to retry
            LOG.debugf("session %s: %s stream not opened: %s", sessionId, role, e.toString());
            live.remove(attempt);
            current = null;
            stop();
            return;
        } catch (RuntimeException e) {
            // no client could be built (credentials, say): tried again like a stream that failed at once
            live.remove(attempt);
            current = null;
            openSoon(State.RESTARTING, recovery.failed(StatusCode.Code.UNAVAILABLE, e.toString(), 0, language,
                    target.profileLanguage()).delayNanos());
            return;
        }
        counters.streamsOpened.incrementAndGet();
        services.metrics().streamOpened();
        if (current != attempt || !attempt.send(requests.config(target, language))) {
            return; // it failed while being opened; the error handler took over
        }
        LOG.debugf("session %s: %s stream %d opened (%s, %d bytes waiting)", sessionId, role, attempt.id, language,
                audio.queued());
        pump();
    }

    /** Sends whatever the pacer and the transport allow; the pump's drain timer sends the rest. */
    private void pump() {
        if (state != State.STREAMING || current == null) {
            return;
        }
        switch (pump.pump(current, finished != null)) {
            case STALLED -> stalled(current);
            case RECYCLE -> recycle(false);
            case SENT -> {
                if (finished != null && audio.queued() == 0) {
                    current.halfClose(); // the call is closing and everything went: the last results follow
                    current = null;
                    checkFinished();
                }
            }
            default -> {
            }
        }
    }

    /** A stream that never became ready: its connection has no free slot. Abandoned, counted, tried again. */
    private void stalled(StreamAttempt attempt) {
        attempt.call.stalled();
        current = null; // first: a cancel may report its end at once, and that end is no failure
        attempt.cancel();
        pump.cancel();
        openSoon(State.RESTARTING, recovery.stalled());
    }

    /** A timer task that logs with this call's ids. */
    private Runnable inContext(Runnable task) {
        return () -> {
            try (var scope = logContext.enter()) {
                task.run();
            }
        };
    }

    private synchronized void drainTick(long tick) {
        if (pump.drained(tick)) {
            pump();
        }
    }

    /**
     * Replaces the current stream before Dialogflow's duration limit ends it. Only a recycle right after a final
     * result replays the look-back: a forced one lands mid-utterance, and the half-close already makes the old
     * stream finalise that utterance, so replaying it would transcribe it twice.
     */
    private void recycle(boolean afterFinal) {
        StreamAttempt old = current;
        if (afterFinal) {
            audio.replayAfterLastFinal(old, target.replayLookback());
        }
        old.halfClose();
        current = null;
        counters.recycles.incrementAndGet();
        services.metrics().recycle();
        LOG.debugf("session %s: %s stream %d recycled after %d ms", sessionId, role, old.id,
                audio.age(old, timers.nanoTime()) / 1_000_000);
        openSoon(State.OPENING, 0);
    }

    /** Sends what the pacer allows right now, the partial chunk included, then half-closes the current stream. */
    private void closeCurrentAfterFlush() {
        if (current != null) {
            pump.flush(current);
            current.halfClose();
            current = null;
        }
        pump.cancel();
    }

    private void checkFinished() {
        if (finished == null || finishing || current != null || !live.isEmpty()) {
            return;
        }
        boolean awaitsStream = state == State.STREAMING || state == State.OPENING || state == State.RESTARTING
                || state == State.WAITING_SETUP;
        if (!awaitsStream || audio.queued() == 0) {
            completeFinished();
        }
    }

    private static void cancel(Timers.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    // ------------------------------------------------------------------ from the transport

    @Override
    public String nextUtteranceId() {
        return utterancePrefix + "-" + (++utterances);
    }

    @Override
    public synchronized void onResponse(StreamAttempt attempt, StreamingAnalyzeContentResponse response,
            long received) {
        if (target == null) {
            return;
        }
        StreamingRecognitionResult last = events.publish(target, attempt, response, received);
        if (last != null) {
            attempt.finalResult(last, audio.bytesPerSecond(), audio.bytesPerSample());
            // also while closing: a backlog drained at the end can be long
            if (attempt == current && state == State.STREAMING && audio.age(attempt, timers.nanoTime())
                    >= streaming.limits().recycleAfter().toNanos()) {
                recycle(true);
            }
        }
    }

    @Override
    public synchronized void onError(StreamAttempt attempt, Throwable error) {
        live.remove(attempt);
        StatusCode.Code code = Futures.code(error);
        if (attempt != current) {
            // a stream we had already half-closed or abandoned; its successor carries on
            LOG.debugf("session %s: %s stream %d ended with %s after half-close", sessionId, role, attempt.id, code);
            checkFinished();
            return;
        }
        current = null;
        pump.cancel();
        if (state != State.STREAMING) {
            checkFinished();
            return;
        }
        Recovery.Plan plan = recovery.failed(code, Futures.description(error),
                timers.nanoTime() - attempt.openedNanos, language, target.profileLanguage());
        switch (plan.failure()) {
            case GIVE_UP -> {
                stop();
                return;
            }
            case SLOW_DOWN -> audio.realTimeOnly();
            case FALL_BACK_LANGUAGE -> language = target.profileLanguage();
            default -> {
            }
        }
        audio.replayAfterLastFinal(attempt, target.replayLookback());
        openSoon(State.RESTARTING, plan.delayNanos());
    }

    @Override
    public synchronized void onComplete(StreamAttempt attempt) {
        live.remove(attempt);
        if (attempt == current) {
            // the service closed a stream we had not half-closed: treat it like a transient error
            current = null;
            pump.cancel();
            if (state == State.STREAMING) {
                audio.replayAfterLastFinal(attempt, target.replayLookback());
                openSoon(State.RESTARTING, recovery.endedByService(timers.nanoTime() - attempt.openedNanos));
            }
        }
        checkFinished();
    }
}
