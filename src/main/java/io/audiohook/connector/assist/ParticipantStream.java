package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.ParticipantState.OPENING;
import static io.audiohook.connector.assist.ParticipantState.PAUSED;
import static io.audiohook.connector.assist.ParticipantState.RESTARTING;
import static io.audiohook.connector.assist.ParticipantState.STOPPED;
import static io.audiohook.connector.assist.ParticipantState.STREAMING;
import static io.audiohook.connector.assist.ParticipantState.WAITING_SETUP;

import java.util.concurrent.CompletableFuture;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.log.LogContext;

/**
 * One participant's audio on its way to StreamingAnalyzeContent, through as many streams as the call needs: the
 * state machine, deciding when a stream opens, is replaced, restarts or stops. What is done to the streams is
 * {@link CurrentStream}'s, reactions to errors {@link Recovery}'s, when the close is done {@link ParticipantFinish}'s,
 * and time comes from {@link Timers}, so all of it runs the same under a unit test's clock.
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

    private final Participant.Role role;
    private final StreamServices services;
    private final Timers timers;
    private final LogContext logContext;
    private final String sessionId;
    private final CallWarnings warnings;
    private final ParticipantCounters counters = new ParticipantCounters();
    private final ParticipantAudio audio;
    private final Recovery recovery;
    private final ResultEvents events;
    private final LiveStreams streams;
    private final CurrentStream current;
    private final ParticipantFinish finish;
    private final SingleTimer openTimer;

    private ParticipantState state = WAITING_SETUP;
    private StreamTarget target;
    private final ParticipantLanguage language = new ParticipantLanguage();
    private boolean paused;

    /** @param received what AudioHook negotiated; @param sent what Dialogflow is sent (every byte count is of it) */
    ParticipantStream(String sessionId, Participant.Role role, SampleFormat received, RecognizerEncoding sent,
            StreamServices services, CallWarnings warnings, LogContext logContext) {
        this.role = role;
        this.services = services;
        this.timers = services.timers();
        this.logContext = logContext;
        this.sessionId = sessionId;
        this.warnings = warnings;
        this.audio = new ParticipantAudio(received, sent, services.settings(), counters, services.latencies(),
                timers.nanoTime());
        this.recovery = new Recovery(sessionId, role, services, counters, warnings);
        this.events = new ResultEvents(sessionId, role, sent.bytesPerTimelineSample(), services, warnings, counters);
        StreamLog log = new StreamLog(sessionId, role, counters, services.metrics());
        this.streams = new LiveStreams(this, timers, logContext);
        this.current = new CurrentStream(streams, audio, sent, services.settings().streaming(), log, timers,
                tick -> logContext.run(() -> drainTick(tick)));
        this.finish = new ParticipantFinish(timers, streams, audio, log, services.settings().finalResultsTimeout());
        this.openTimer = new SingleTimer(timers);
    }

    Participant.Role role() {
        return role;
    }

    ParticipantCounters counters() {
        return counters;
    }

    synchronized ParticipantState state() {
        return state;
    }

    /** Bytes from Genesys waiting to be sent (look-back copies queued for replay are not counted). */
    synchronized int waiting() {
        return audio.waiting();
    }

    synchronized String language() {
        return language.current();
    }

    // ------------------------------------------------------------------ from the call

    /** Setup is done: open the first stream unless the call is paused, stopped or over. */
    synchronized void start(StreamTarget target) {
        if (state != WAITING_SETUP) {
            return;
        }
        this.target = target;
        language.setUp(target.language());
        openSoon(OPENING, 0); // or PAUSED
    }

    /** @param data as AudioHook negotiated it; @param position the timeline position of the first sample */
    synchronized void audio(byte[] data, long position, long arrivalNanos) {
        if (state == STOPPED) {
            audio.refused(data);
            return;
        }
        audio.received(data, arrivalNanos, position);
        if (state == STREAMING) {
            pump();
        }
    }

    /**
     * The audio from before the pause ends its stream (a cut), so that an utterance never straddles a pause: it is
     * still sent (a stream opens for it even while paused) and the next stream opens on resume.
     */
    synchronized void pause() {
        paused = true;
        if (current.cutAt(state)) {
            pump(); // while streaming; otherwise the next open, even paused (start() after setup)
        } else if (state == OPENING || state == RESTARTING) {
            openTimer.cancel(); // nothing to send before the pause: no stream until the resume
            state = PAUSED;
            checkFinished();
        }
    }

    synchronized void resume() {
        paused = false;
        if (state == PAUSED) { // still streaming towards the pause's cut: the next opens at the cut
            openSoon(OPENING, 0);
        }
    }

    /**
     * The audio from before the change is recognised in the old language and ends its stream (a cut: Dialogflow
     * finalises the utterance in flight on half-close); the streams after the cut recognise the new one.
     */
    synchronized void languageChanged(String newLanguage) {
        recovery.languageChanged();
        boolean atCut = current.cutAt(state);
        language.changed(newLanguage, atCut);
        if (atCut) {
            pump();
        }
    }

    /** The current stream ended at its cut: the call is paused, or the next stream takes the new language. */
    private void cutReached() {
        passCut();
        openSoon(OPENING, 0); // or PAUSED, when the call is paused and nothing waits
    }

    /**
     * The audio before the cut is gone (sent, or nothing was left of it): the new language applies, and if the call
     * paused since the change, what came between the change and the pause is cut off too.
     */
    private void passCut() {
        audio.uncut();
        language.cutPassed();
        if (paused && audio.queued() > 0) {
            audio.cut();
        }
    }

    /**
     * The call is closing: send what waits, half-close, and complete once the last stream has delivered its
     * final results or the time is up (the waiting audio's share of drain time plus {@code finalResultsTimeout}).
     */
    synchronized CompletableFuture<Void> finish() {
        if (!finish.requested()) {
            finish.request(logContext.wrap(this::finishTimedOut));
            if (state == STREAMING) {
                pump();
            }
            checkFinished();
        }
        return finish.future();
    }

    private synchronized void finishTimedOut() {
        finish.deadlinePassed();
    }

    /**
     * The session is over: nothing more is sent. An open stream is half-closed so that its last results still
     * arrive; it is cancelled if they take longer than {@code finalResultsTimeout}.
     */
    synchronized void end() {
        stop();
        streams.cancelLeftoversAfter(services.settings().finalResultsTimeout().toNanos());
        if (counters.bytesDropped() > 0) { // each loss is counted as it happens; the call says it once, at its end
            warnings.warnOnce("dropped-" + role, "session %s: %.1f s of the %s participant's audio never reached "
                    + "Dialogflow (bounded backlog, a stopped participant or the end of the call came first)",
                    sessionId, audio.droppedSeconds(), role);
        }
    }

    /** Stops for good; waiting audio is dropped and counted. */
    synchronized void stop() {
        if (state == STOPPED) {
            return;
        }
        state = STOPPED;
        openTimer.cancel();
        current.stop();
        checkFinished();
    }

    // ------------------------------------------------------------------ streams

    /** Opens the next stream from a timer task, after {@code delayNanos}; audio waits meanwhile. */
    private void openSoon(ParticipantState waitingState, long delayNanos) {
        if (paused && !audio.beforeCut()) {
            state = PAUSED; // no stream while the call is paused or on hold
            checkFinished();
            return;
        }
        state = waitingState;
        openTimer.schedule(logContext.wrap(this::openScheduled), delayNanos);
    }

    private synchronized void openScheduled() {
        openTimer.ran();
        if (state != OPENING && state != RESTARTING) {
            return;
        }
        state = STREAMING;
        try {
            if (!current.open(services.transport(), target, language.current())) {
                return; // it failed while being opened; the error handler took over
            }
        } catch (CurrentStream.NotOpened e) {
            if (e.clientsClosed()) {
                stop(); // shutdown: nothing to retry
            } else {
                // no client could be built (credentials, say): tried again like a stream that failed at once
                openSoon(RESTARTING, recovery.failed(StatusCode.Code.UNAVAILABLE, e.getMessage(), 0, language.current(),
                        target.profileLanguage()).delayNanos());
            }
            return;
        }
        pump();
    }

    /** Sends whatever the pacer and the transport allow, and acts on what stopped it. */
    private void pump() {
        if (state != STREAMING || streams.current() == null) {
            return;
        }
        switch (current.pump(finish.requested())) {
            case STALLED -> openSoon(RESTARTING, recovery.stalled());
            case TOO_OLD -> recycle(false);
            case ALL_SENT -> checkFinished();
            case CUT -> cutReached();
            default -> {
            }
        }
    }

    private synchronized void drainTick(long tick) {
        if (current.drained(tick)) {
            pump();
        }
    }

    /** Replaces the current stream before Dialogflow's duration limit ends it (see {@link CurrentStream#recycle}). */
    private void recycle(boolean afterFinal) {
        current.recycle(afterFinal, target.replayLookback());
        openSoon(OPENING, 0);
    }

    private void checkFinished() {
        finish.check(state != PAUSED && state != STOPPED);
    }

    // ------------------------------------------------------------------ from the transport

    @Override
    public synchronized void onResponse(StreamAttempt attempt, StreamingAnalyzeContentResponse response,
            long received) {
        if (target == null) {
            return;
        }
        StreamingRecognitionResult last = events.publish(target, attempt, response, received);
        // also while closing: a backlog drained at the end can be long
        if (last != null && current.finalResult(attempt, last) && state == STREAMING) {
            recycle(true);
        }
    }

    @Override
    public synchronized void onError(StreamAttempt attempt, Throwable error) {
        StatusCode.Code code = Futures.code(error);
        if (!current.failed(attempt, code) || state != STREAMING) {
            checkFinished(); // a stream already let go (its successor carries on), or nothing is to reopen
            return;
        }
        Recovery.Plan plan = recovery.failed(code, Futures.description(error),
                timers.nanoTime() - attempt.openedNanos, language.current(), target.profileLanguage());
        switch (plan.failure()) {
            case GIVE_UP -> {
                stop();
                return;
            }
            case SLOW_DOWN -> audio.realTimeOnly();
            case FALL_BACK_LANGUAGE -> language.fallBack(target.profileLanguage());
            default -> {
            }
        }
        replayOnTheNext(attempt);
        openSoon(RESTARTING, plan.delayNanos());
    }

    @Override
    public synchronized void onComplete(StreamAttempt attempt) {
        // the service closed a stream we had not half-closed: treat it like a transient error
        if (current.completed(attempt) && state == STREAMING) {
            replayOnTheNext(attempt);
            openSoon(RESTARTING, recovery.endedByService(timers.nanoTime() - attempt.openedNanos));
        }
        checkFinished();
    }

    /** What {@code attempt} carried after its last final goes again on the next stream; a cut it had reached passes. */
    private void replayOnTheNext(StreamAttempt attempt) {
        audio.replayAfterLastFinal(attempt, target.replayLookback());
        if (audio.atCut()) {
            passCut(); // it ended just after the last audio before its cut
        }
    }
}
