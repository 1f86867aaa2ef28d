package io.audiohook.connector.emulator;

import java.time.Clock;
import java.time.Duration;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One StreamingAnalyzeContent call, checked the way Dialogflow checks it: a first request with
 * {@code participant} and {@code audio_config} only ({@link StreamRequestShape}), checked against
 * {@link StreamRules} and the project's {@link StreamQuota}; then {@code input_audio} only, each request
 * within the size limit and the audio close to real time; a stream length limit and an audio timeout, both
 * answered with {@code OUT_OF_RANGE}; and the end of the stream when its conversation is completed. This
 * class is the state machine that orders those checks, the timer and the end of the stream; the audio is
 * decoded by {@link AudioChunkDecoder}, cut into utterances by {@link VoiceActivityDetector}, and each utterance
 * answered by {@link UtteranceResponder}.
 *
 * <p>gRPC and the timer call in from the stream's event loop; a completion arrives from another call and is
 * moved onto it. The methods are synchronized anyway, since the order of requests, timer and half-close is
 * the whole logic here and a lock costs nothing uncontended.
 */
final class AnalyzeContentStream implements StreamObserver<StreamingAnalyzeContentRequest> {
    private static final Logger LOG = Logger.getLogger(AnalyzeContentStream.class);

    /** What a stream needs from the application. */
    record Services(ConversationStore store, EmulatorControl control, Script script, Knowledge knowledge,
            AssistProfiles profiles, Vertx vertx, EmulatorMetrics metrics) {
    }

    private enum Phase {
        AWAITING_CONFIG, STREAMING, CLOSED
    }

    private final StreamObserver<StreamingAnalyzeContentResponse> responses;
    private final Services services;
    /** The event loop gRPC delivers this call on; other threads hand their work to it. */
    private final Context context = Vertx.currentContext();
    private final Runnable onConversationCompleted = this::conversationCompleted;

    private Phase phase = Phase.AWAITING_CONFIG;
    private StoredParticipant participant;
    private StreamRecord record;

    private StreamRules rules;
    private long openedNanos;
    private long lastAudioNanos;
    private long limitNanos;
    private long audioTimeoutNanos;
    private long audioBytes;
    private Status.Code failLater;
    private long failLaterAfterMillis;
    private long timer = -1;

    private VoiceActivityDetector vad;
    private AudioChunkDecoder decoder;
    private AudioRateCheck rateCheck;

    AnalyzeContentStream(StreamObserver<StreamingAnalyzeContentResponse> responses, Services services) {
        this.responses = responses;
        this.services = services;
    }

    @Override
    public synchronized void onNext(StreamingAnalyzeContentRequest request) {
        try {
            switch (phase) {
                case AWAITING_CONFIG -> open(request);
                case STREAMING -> next(request);
                case CLOSED -> {
                    // answered already; the client has yet to notice
                }
            }
        } catch (StreamRules.Refusal refusal) {
            services.metrics().refused(refusal.rule);
            fail(refusal.status);
        } catch (StatusRuntimeException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.error("emulated stream failed", e);
            fail(Status.INTERNAL.withDescription("Emulator error: " + e).asRuntimeException());
        }
    }

    /** The client half-closed: what was said so far is finalized, then the stream completes. */
    @Override
    public synchronized void onCompleted() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase == Phase.STREAMING) {
            vad.finish();
        }
        close(Status.Code.OK);
        responses.onCompleted();
    }

    /** The client cancelled or the connection broke. */
    @Override
    public synchronized void onError(Throwable t) {
        if (phase != Phase.CLOSED) {
            close(Status.Code.CANCELLED);
        }
    }

    private void open(StreamingAnalyzeContentRequest request) {
        StreamRequestShape.checkFirst(request);
        participant = services.store().participant(request.getParticipant());
        rules = services.control().rules();
        AssistProfile profile = services.profiles().of(participant.conversation.profile); // the conversation's own
        String model = rules.checkConfig(request, participant, profile.model());
        String project = ResourceNames.projectOf(participant.name);
        if (!services.control().tryOpenStream(project)) {
            throw StreamRules.refuse("quota", Errors.quotaExceeded(project));
        }
        InputAudioConfig config = request.getAudioConfig();
        EmulatorControl.StreamPlan plan = services.control().streamOpened();
        record = participant.openStream(plan.number(), config.getLanguageCode(), model, config.getAudioEncoding(),
                config.getSampleRateHertz());
        phase = Phase.STREAMING;
        services.metrics().streamOpened();
        participant.conversation.whenCompleted.add(onConversationCompleted);
        if (participant.conversation.isCompleted()) {
            throw StreamRules.refuse("completed", Errors.conversationCompleted()); // completed a moment ago
        }
        if (plan.failNow() != null) {
            throw StreamRules.refuse("injected", Errors.injected(plan.failNow()));
        }
        failLater = plan.failLater();
        failLaterAfterMillis = plan.failLaterAfter() == null ? 0 : plan.failLaterAfter().toMillis();
        limitNanos = rules.limitNanos(request.getEnableExtendedStreaming());
        audioTimeoutNanos = rules.audioTimeoutNanos();
        openedNanos = System.nanoTime();
        lastAudioNanos = openedNanos;
        vad = new VoiceActivityDetector(AudioChunkDecoder.VAD_RATE, new UtteranceResponder(responses, participant,
                record, config.getLanguageCode(), config.getEnableWordInfo(), content(profile)));
        decoder = new AudioChunkDecoder(config.getAudioEncoding(), config.getSampleRateHertz(), vad::accept);
        rateCheck = new AudioRateCheck(rules.audioRate(), config.getSampleRateHertz(), openedNanos);
        armTimer();
        LOG.debugf("stream %d opened for %s (%s, %s, %s at %d Hz%s)", plan.number(), participant.name,
                config.getLanguageCode(), model, config.getAudioEncoding(), config.getSampleRateHertz(),
                request.getEnableExtendedStreaming() ? ", extended" : "");
    }

    private UtteranceResponder.Content content(AssistProfile profile) {
        return new UtteranceResponder.Content(services.script(), services.knowledge(), profile, Clock.systemUTC());
    }

    private void next(StreamingAnalyzeContentRequest request) {
        StreamRequestShape.laterAudio(request).ifPresent(this::audio);
    }

    private void audio(ByteString audio) {
        long now = System.nanoTime();
        rules.checkAudioSize(audio.size());
        lastAudioNanos = now;
        audioBytes += audio.size();
        record.audio(audio.size());
        long audioNanos = decoder.durationNanos(audioBytes);
        long audioMillis = audioNanos / 1_000_000;
        if (Math.max(audioNanos, now - openedNanos) > limitNanos) {
            throw StreamRules.refuse("stream_limit", Errors.streamTooLong(seconds(limitNanos)));
        }
        rules.checkPace(audioNanos, now - openedNanos);
        StreamRules.checkAudioRate(rateCheck, now, audioNanos);
        if (failLater != null && audioMillis >= failLaterAfterMillis) {
            throw StreamRules.refuse("injected", Errors.injected(failLater));
        }
        decoder.decode(audio.toByteArray());
    }

    /** One timer per stream, re-armed for whichever comes first: the audio timeout or the length limit. */
    private void armTimer() {
        long deadline = Math.min(lastAudioNanos + audioTimeoutNanos, openedNanos + limitNanos);
        long delayMillis = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
        timer = services.vertx().setTimer(delayMillis, id -> onTimer());
    }

    private synchronized void onTimer() {
        timer = -1;
        if (phase != Phase.STREAMING) {
            return;
        }
        long now = System.nanoTime();
        if (now - openedNanos >= limitNanos) {
            services.metrics().refused("stream_limit");
            fail(Errors.streamTooLong(seconds(limitNanos)));
        } else if (now - lastAudioNanos >= audioTimeoutNanos) {
            services.metrics().refused("audio_timeout");
            fail(Errors.audioTimeout());
        } else {
            armTimer();
        }
    }

    private void fail(StatusRuntimeException error) {
        if (phase == Phase.CLOSED) {
            return;
        }
        close(error.getStatus().getCode());
        LOG.debugf("stream failed: %s", error.getStatus());
        responses.onError(error);
    }

    /** CompleteConversation ran (on some other call's thread): this stream ends on its own event loop. */
    private void conversationCompleted() {
        if (context == null) {
            failCompleted();
        } else {
            context.runOnContext(v -> failCompleted());
        }
    }

    private synchronized void failCompleted() {
        if (phase == Phase.STREAMING) {
            services.metrics().refused("completed");
            fail(Errors.conversationCompleted());
        }
    }

    private void close(Status.Code outcome) {
        if (phase == Phase.STREAMING) {
            services.metrics().streamClosed();
        }
        phase = Phase.CLOSED;
        if (participant != null) {
            participant.conversation.whenCompleted.remove(onConversationCompleted);
        }
        if (timer >= 0) {
            services.vertx().cancelTimer(timer);
            timer = -1;
        }
        if (record != null) {
            record.ended(outcome);
        }
    }

    /** Whole seconds as Dialogflow writes them; test limits under a second keep their fraction. */
    private static String seconds(long nanos) {
        Duration limit = Duration.ofNanos(nanos);
        if (limit.toMillis() % 1000 == 0) {
            return Long.toString(limit.toSeconds());
        }
        return Double.toString(limit.toMillis() / 1000.0);
    }
}
