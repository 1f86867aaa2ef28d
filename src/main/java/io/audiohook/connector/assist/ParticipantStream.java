package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ClientStream;
import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SpeechModelVariant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.protobuf.ByteString;

import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.audio.SampleFormat;

/**
 * One participant's audio on its way to StreamingAnalyzeContent, through as many streams as the call needs.
 *
 * <p>
 * All state is guarded by this object's monitor and every critical section is short and non-blocking:
 * callers are the session's event loop (audio, pause, ...), gRPC callback threads (responses, errors) and the
 * shared timer (pacing, reopening). Audio goes out in {@code chunk}-sized requests through a token bucket that
 * refills at {@code catchUpRate} times real time, so audio arriving in real time passes at once while a backlog
 * (after setup or a restart) drains no faster than that.
 *
 * <p>
 * A stream is replaced before Dialogflow's duration limit (recycle), reopened with backoff after transient
 * errors (restart), and given up only for errors that a retry cannot fix. A stream that is replaced is only
 * half-closed: its remaining results still become events.
 */
final class ParticipantStream {
    private static final Logger LOG = Logger.getLogger(ParticipantStream.class);
    private static final long NOT_READY_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    enum State {
        /** The conversation or the participant does not exist yet; audio waits. */
        WAITING_SETUP,
        STREAMING,
        /** AudioHook paused: no stream, so Dialogflow never sees an idle one. */
        PAUSED,
        /** Waiting to reopen after an error; audio waits. */
        RESTARTING,
        /** For good: the call ended, setup failed, or Dialogflow refused in a way a retry cannot fix. */
        STOPPED
    }

    private final String sessionId;
    private final Participant.Role role;
    private final SampleFormat format;
    private final AssistRuntime runtime;
    private final AssistSettings settings;
    private final ParticipantCounters counters = new ParticipantCounters();

    private final int bytesPerSecond;
    private final int chunkBytes;
    private final int burstBytes;
    private final double refillPerNano;
    private final int lookbackBytes;
    private final AudioBacklog backlog;
    private final LookbackRing ring;
    private final String utterancePrefix = Long.toHexString(ThreadLocalRandom.current().nextLong());

    private State state = State.WAITING_SETUP;
    private StreamTarget target;
    private String language;
    private boolean paused;
    private CompletableFuture<Void> finished;
    private Attempt current;
    private final Set<Attempt> live = new HashSet<>();
    private double tokens;
    private long refilledAt = System.nanoTime();
    private ScheduledFuture<?> drainTimer;
    private ScheduledFuture<?> reopenTimer;
    private int failures;
    private int exhausted;
    private int generation;
    private final LogContext logContext;
    private long utterances;

    ParticipantStream(String sessionId, Participant.Role role, SampleFormat format, AssistRuntime runtime,
            LogContext logContext) {
        this.sessionId = sessionId;
        this.logContext = logContext;
        this.role = role;
        this.format = format;
        this.runtime = runtime;
        this.settings = runtime.settings();
        this.bytesPerSecond = 8000 * format.bytesPerSample();
        this.chunkBytes = Math.max(format.bytesPerSample(), bytesFor(settings.chunk()));
        this.burstBytes = Math.max(4 * chunkBytes, bytesPerSecond / 2);
        this.refillPerNano = settings.catchUpRate() * bytesPerSecond / 1e9;
        this.lookbackBytes = bytesFor(settings.lookback());
        this.backlog = new AudioBacklog(Math.max(chunkBytes, bytesFor(settings.preSetupBuffer())));
        this.ring = new LookbackRing(lookbackBytes);
        this.tokens = burstBytes;
    }

    private int bytesFor(Duration d) {
        long samples = d.toNanos() * 8000 / 1_000_000_000L;
        return (int) Math.min(Integer.MAX_VALUE / 2, samples * format.bytesPerSample());
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

    /** Bytes waiting to be sent. */
    synchronized int waiting() {
        return backlog.size();
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
            open(new byte[0]);
        }
    }

    synchronized void audio(byte[] data, long arrivalNanos) {
        counters.bytesReceived.addAndGet(data.length);
        if (state == State.STOPPED) {
            counters.bytesDropped.addAndGet(data.length);
            return;
        }
        drop(backlog.add(data, arrivalNanos));
        if (state == State.STREAMING) {
            pump();
        }
    }

    synchronized void pause() {
        paused = true;
        switch (state) {
            case STREAMING -> {
                closeCurrentAfterFlush();
                state = State.PAUSED;
                checkFinished();
            }
            case RESTARTING -> {
                cancel(reopenTimer);
                reopenTimer = null;
                state = State.PAUSED;
                checkFinished();
            }
            default -> {
            }
        }
    }

    synchronized void resume() {
        paused = false;
        if (state == State.PAUSED) {
            open(new byte[0]);
        }
    }

    /** Dialogflow finalises the open utterance on half-close; the next stream recognises the new language. */
    synchronized void languageChanged(String newLanguage) {
        language = newLanguage;
        if (state == State.STREAMING) {
            closeCurrentAfterFlush();
            open(new byte[0]);
        }
    }

    /**
     * The call is closing: send what waits, half-close, and complete once the last stream has delivered its
     * final results or the time is up (the waiting audio's share of drain time plus {@code finalResultsTimeout}).
     */
    synchronized CompletableFuture<Void> finish() {
        if (finished == null) {
            finished = new CompletableFuture<>();
            long drainNanos = (long) (backlog.size() / refillPerNano);
            long timeout = drainNanos + settings.finalResultsTimeout().toNanos();
            ScheduledFuture<?> timer = runtime.scheduler().schedule(inContext(this::finishTimedOut), timeout,
                    TimeUnit.NANOSECONDS);
            finished.whenComplete((v, e) -> timer.cancel(false));
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
                    backlog.size());
            finished.complete(null);
        }
    }

    /**
     * The session is over: nothing more is sent. An open stream is half-closed so that its last results still
     * arrive; it is cancelled if they take longer than {@code finalResultsTimeout}.
     */
    synchronized void end() {
        stop();
        if (!live.isEmpty()) {
            List<Attempt> leftovers = new ArrayList<>(live);
            runtime.scheduler().schedule(() -> leftovers.forEach(Attempt::cancel),
                    settings.finalResultsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops for good; waiting audio is dropped and counted. */
    synchronized void stop() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.STOPPED;
        cancel(drainTimer);
        cancel(reopenTimer);
        drainTimer = null;
        reopenTimer = null;
        drop(backlog.clear());
        if (current != null) {
            halfClose(current);
            current = null;
        }
        checkFinished();
    }

    // ------------------------------------------------------------------ streams

    private void open(byte[] replay) {
        cancel(reopenTimer);
        reopenTimer = null;
        ring.clear();
        Attempt attempt = new Attempt(++generation, System.nanoTime());
        current = attempt;
        live.add(attempt);
        state = State.STREAMING;
        counters.streamsOpened.incrementAndGet();
        GrpcCallContext context = GrpcCallContext.createDefault().withTimeoutDuration(settings.streamDeadline());
        ClientStream<StreamingAnalyzeContentRequest> stream;
        try {
            stream = runtime.clients().participants().streamingAnalyzeContentCallable().splitCall(attempt, context);
        } catch (RuntimeException e) {
            // the clients themselves are unusable (closed at shutdown): nothing to retry
            LOG.warnf("session %s: %s stream could not be opened: %s", sessionId, role, e.toString());
            live.remove(attempt);
            current = null;
            stop();
            return;
        }
        attempt.stream = stream;
        if (current != attempt) {
            return; // it failed while being opened; the error handler took over
        }
        if (!attempt.send(configRequest())) {
            return;
        }
        LOG.debugf("session %s: %s stream %d opened (%s, replaying %d bytes)", sessionId, role, attempt.id, language,
                replay.length);
        drop(backlog.addFirst(replay));
        pump();
    }

    private StreamingAnalyzeContentRequest configRequest() {
        InputAudioConfig.Builder audio = InputAudioConfig.newBuilder()
                .setAudioEncoding(format == SampleFormat.PCMU ? AudioEncoding.AUDIO_ENCODING_MULAW
                        : AudioEncoding.AUDIO_ENCODING_LINEAR_16)
                .setSampleRateHertz(8000)
                .setLanguageCode(language)
                .setEnableWordInfo(true)
                .setEnableAutomaticPunctuation(true)
                .setModelVariant(SpeechModelVariant.USE_ENHANCED);
        target.model().ifPresent(audio::setModel);
        return StreamingAnalyzeContentRequest.newBuilder()
                .setParticipant(target.participantName())
                .setAudioConfig(audio)
                .setOutputMultipleUtterances(true)
                .build();
    }

    /** Sends whatever the pacer allows; arms the drain timer for the rest. */
    private void pump() {
        boolean flushTail = finished != null;
        while (state == State.STREAMING && current != null
                && (backlog.size() >= chunkBytes || (flushTail && backlog.size() > 0))) {
            int n = Math.min(chunkBytes, backlog.size());
            refill();
            if (tokens < n) {
                scheduleDrain((long) ((n - tokens) / refillPerNano) + 1);
                return;
            }
            if (!current.stream.isSendReady()) {
                scheduleDrain(NOT_READY_RETRY_NANOS);
                return;
            }
            sendChunk(n);
            if (current != null && timeBaseNanos(current) >= settings.recycleMax().toNanos()) {
                recycle(false);
            }
        }
        if (flushTail && state == State.STREAMING && current != null && backlog.size() == 0) {
            halfClose(current);
            current = null;
            checkFinished();
        }
    }

    private void sendChunk(int n) {
        Attempt attempt = current;
        int replayed = Math.min(backlog.replayAtHead(), n);
        long now = System.nanoTime();
        byte[] chunk = backlog.take(n, arrival -> runtime.latencies().audioToSend(now - arrival));
        tokens -= n;
        if (!attempt.send(StreamingAnalyzeContentRequest.newBuilder().setInputAudio(ByteString.copyFrom(chunk))
                .build())) {
            drop(n);
            return;
        }
        counters.bytesSent.addAndGet(n);
        counters.lookbackReplayed.addAndGet(replayed);
        attempt.bytesOnStream += n;
        ring.write(chunk);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burstBytes, tokens + (now - refilledAt) * refillPerNano);
        refilledAt = now;
    }

    /** A timer task that logs with this call's ids. */
    private Runnable inContext(Runnable task) {
        return () -> {
            try (var scope = logContext.enter()) {
                task.run();
            }
        };
    }

    private void scheduleDrain(long delayNanos) {
        if (drainTimer == null || drainTimer.isDone()) {
            drainTimer = runtime.scheduler().schedule(inContext(this::drainTick), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void drainTick() {
        drainTimer = null;
        if (state == State.STREAMING) {
            pump();
        }
    }

    /** The stream's age for the duration limit: audio sent on it, or wall time if that is larger. */
    private long timeBaseNanos(Attempt attempt) {
        long audioNanos = attempt.bytesOnStream * 1_000_000_000L / bytesPerSecond;
        return Math.max(audioNanos, System.nanoTime() - attempt.openedNanos);
    }

    /**
     * Replaces the current stream before Dialogflow's duration limit ends it. Only a recycle right after a final
     * result replays the look-back: a forced one lands mid-utterance, and the half-close already makes the old
     * stream finalise that utterance, so replaying it would transcribe it twice.
     */
    private void recycle(boolean afterFinal) {
        Attempt old = current;
        byte[] replay = afterFinal ? lookbackAfterLastFinal(old) : new byte[0];
        halfClose(old);
        current = null;
        counters.recycles.incrementAndGet();
        runtime.latencies().metrics().recycle();
        LOG.debugf("session %s: %s stream %d recycled after %d ms", sessionId, role, old.id,
                timeBaseNanos(old) / 1_000_000);
        open(replay);
    }

    /** What the current stream carried after its last final result, at most {@code lookback}. */
    private byte[] lookbackAfterLastFinal(Attempt attempt) {
        if (!target.replayLookback() || lookbackBytes == 0) {
            return new byte[0];
        }
        return ring.tail(Math.min(lookbackBytes, attempt.bytesOnStream - attempt.lastFinalEndBytes));
    }

    /** Sends what the pacer allows right now, the partial chunk included, then half-closes the current stream. */
    private void closeCurrentAfterFlush() {
        if (current == null) {
            return;
        }
        refill();
        while (backlog.size() > 0 && tokens >= Math.min(chunkBytes, backlog.size()) && current != null
                && current.stream.isSendReady()) {
            sendChunk(Math.min(chunkBytes, backlog.size()));
        }
        if (current != null) {
            halfClose(current);
            current = null;
        }
        cancel(drainTimer);
        drainTimer = null;
    }

    private void halfClose(Attempt attempt) {
        attempt.halfClosed = true;
        try {
            attempt.stream.closeSend();
        } catch (RuntimeException e) {
            LOG.debugf("session %s: %s stream %d half-close failed: %s", sessionId, role, attempt.id, e);
        }
    }

    private void drop(long bytes) {
        if (bytes > 0) {
            counters.bytesDropped.addAndGet(bytes);
        }
    }

    private void checkFinished() {
        if (finished == null || finished.isDone() || current != null || !live.isEmpty()) {
            return;
        }
        if (state != State.STREAMING && state != State.RESTARTING && state != State.WAITING_SETUP
                || backlog.size() == 0) {
            finished.complete(null);
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ------------------------------------------------------------------ from gRPC

    private synchronized void onResponse(Attempt attempt, StreamingAnalyzeContentResponse response, long received) {
        if (target == null) {
            return;
        }
        if (response.hasRecognitionResult()) {
            StreamingRecognitionResult result = response.getRecognitionResult();
            publish(new RecognitionResult(target.conversationName(), role, target.participantName(), result,
                    attempt.utteranceId(), received), received);
            if (result.getIsFinal()) {
                attempt.finalResult(result);
                // also while closing: a backlog drained at the end can be long
                if (attempt == current && state == State.STREAMING
                        && timeBaseNanos(attempt) >= settings.recycleAfter().toNanos()) {
                    recycle(true);
                }
            }
        }
        if (response.hasMessage()) {
            publish(new NewMessage(target.conversationName(), response.getMessage(), received), received);
        }
        if (response.getHumanAgentSuggestionResultsCount() > 0) {
            publish(new Suggestions(target.conversationName(), target.humanAgentName(),
                    response.getHumanAgentSuggestionResultsList(), received), received);
        }
    }

    private void publish(AssistEvent event, long received) {
        runtime.latencies().responseToSink(System.nanoTime() - received);
        try {
            runtime.sink().accept(event);
        } catch (RuntimeException e) {
            LOG.warnf("event sink failed: %s", e.toString());
        }
    }

    private synchronized void onError(Attempt attempt, Throwable error) {
        live.remove(attempt);
        StatusCode.Code code = Futures.code(error);
        if (attempt != current) {
            // a stream we had already half-closed or abandoned; its successor carries on
            LOG.debugf("session %s: %s stream %d ended with %s after half-close", sessionId, role, attempt.id, code);
            checkFinished();
            return;
        }
        current = null;
        cancel(drainTimer);
        drainTimer = null;
        if (state != State.STREAMING) {
            checkFinished();
            return;
        }
        long lived = System.nanoTime() - attempt.openedNanos;
        if (lived >= settings.healthyStream().toNanos()) {
            failures = 0;
            exhausted = 0;
        }
        switch (code) {
            case OUT_OF_RANGE, UNAVAILABLE, ABORTED, INTERNAL, DEADLINE_EXCEEDED, UNKNOWN, CANCELLED -> {
                long delay = Math.min(settings.backoffInitial().toNanos() << Math.min(failures, 20),
                        settings.backoffMax().toNanos());
                failures++;
                restartLater(attempt, code, delay);
            }
            case RESOURCE_EXHAUSTED -> {
                exhausted++;
                if (exhausted > settings.resourceExhaustedRetries()) {
                    giveUp(code, "quota still exhausted after " + settings.resourceExhaustedRetries() + " retries");
                } else {
                    long delay = Math.min(settings.resourceExhaustedBackoff().toNanos() << (exhausted - 1),
                            TimeUnit.MINUTES.toNanos(1));
                    restartLater(attempt, code, delay);
                }
            }
            default -> giveUp(code, "not retried");
        }
    }

    private void restartLater(Attempt failed, StatusCode.Code code, long delayNanos) {
        counters.restart(code.name());
        runtime.latencies().metrics().restart(code.name());
        state = State.RESTARTING;
        drop(backlog.addFirst(lookbackAfterLastFinal(failed)));
        LOG.infof("session %s: %s stream ended with %s, reopening in %d ms", sessionId, role, code,
                delayNanos / 1_000_000);
        if (paused) {
            state = State.PAUSED;
            checkFinished();
            return;
        }
        reopenTimer = runtime.scheduler().schedule(inContext(this::reopen), delayNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void reopen() {
        reopenTimer = null;
        if (state == State.RESTARTING) {
            open(new byte[0]);
        }
    }

    private void giveUp(StatusCode.Code code, String why) {
        LOG.warnf("session %s: Agent Assist stopped for the %s participant: stream refused with %s (%s)", sessionId,
                role, code, why);
        stop();
    }

    private synchronized void onComplete(Attempt attempt) {
        live.remove(attempt);
        if (attempt != current) {
            checkFinished();
            return;
        }
        // the service closed a stream we had not half-closed: treat it like a transient error
        current = null;
        if (state == State.STREAMING) {
            long delay = settings.backoffInitial().toNanos();
            restartLater(attempt, StatusCode.Code.OK, delay);
        }
        checkFinished();
    }

    /** One StreamingAnalyzeContent call. */
    private final class Attempt implements ResponseObserver<StreamingAnalyzeContentResponse> {
        final int id;
        final long openedNanos;
        ClientStream<StreamingAnalyzeContentRequest> stream;
        volatile StreamController controller;
        long bytesOnStream;
        /** Offset, in bytes of this stream's audio, where the last final result ended. */
        long lastFinalEndBytes;
        boolean halfClosed;
        private String utteranceId;

        Attempt(int id, long openedNanos) {
            this.id = id;
            this.openedNanos = openedNanos;
        }

        String utteranceId() {
            if (utteranceId == null) {
                utteranceId = utterancePrefix + "-" + (++utterances);
            }
            return utteranceId;
        }

        void finalResult(StreamingRecognitionResult result) {
            utteranceId = null;
            long end = bytesOnStream;
            if (result.hasSpeechEndOffset()) {
                com.google.protobuf.Duration offset = result.getSpeechEndOffset();
                end = offset.getSeconds() * bytesPerSecond + (long) offset.getNanos() * bytesPerSecond / 1_000_000_000L;
                end -= end % format.bytesPerSample();
            }
            lastFinalEndBytes = Math.max(lastFinalEndBytes, Math.min(end, bytesOnStream));
        }

        /** @return false if the stream refused the message (it failed; its error callback will follow) */
        boolean send(StreamingAnalyzeContentRequest request) {
            try {
                stream.send(request);
                return true;
            } catch (RuntimeException e) {
                LOG.debugf("session %s: %s stream %d refused a message: %s", sessionId, role, id, e.toString());
                return false;
            }
        }

        void cancel() {
            StreamController c = controller;
            if (c != null) {
                c.cancel();
            }
        }

        @Override
        public void onStart(StreamController controller) {
            this.controller = controller;
        }

        @Override
        public void onResponse(StreamingAnalyzeContentResponse response) {
            long received = System.nanoTime();
            try (var scope = logContext.enter()) {
                ParticipantStream.this.onResponse(this, response, received);
            }
        }

        @Override
        public void onError(Throwable t) {
            try (var scope = logContext.enter()) {
                ParticipantStream.this.onError(this, t);
            }
        }

        @Override
        public void onComplete() {
            try (var scope = logContext.enter()) {
                ParticipantStream.this.onComplete(this);
            }
        }
    }
}
