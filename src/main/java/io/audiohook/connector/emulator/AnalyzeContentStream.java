package io.audiohook.connector.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.protobuf.ByteString;

import io.audiohook.connector.audio.Linear16;
import io.audiohook.connector.audio.MuLaw;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One StreamingAnalyzeContent call, checked the way Dialogflow checks it: a first request with
 * {@code participant} and {@code audio_config} only, checked against {@link StreamRules} and the project's
 * {@link StreamQuota}; then {@code input_audio} only, each request within the size limit and the audio
 * close to real time; a stream length limit and an audio timeout, both answered with {@code OUT_OF_RANGE};
 * and the end of the stream when its conversation is completed. The audio is cut into utterances by
 * {@link VoiceActivityDetector}; each gets interim results while it goes on, a final result when it ends,
 * then the analysed message (with FAQ suggestions for the customer).
 *
 * <p>gRPC and the timer call in from the stream's event loop; a completion arrives from another call and is
 * moved onto it. The methods are synchronized anyway, since the order of requests, timer and half-close is
 * the whole logic here and a lock costs nothing uncontended.
 */
final class AnalyzeContentStream implements StreamObserver<StreamingAnalyzeContentRequest>, VoiceActivityDetector.Listener {
    private static final Logger LOG = Logger.getLogger(AnalyzeContentStream.class);
    static final int SAMPLE_RATE = 8000;
    /** Interim results come after about this much more speech. */
    static final int INTERIM_EVERY_MS = 400;

    /** What a stream needs from the application. */
    record Services(ConversationStore store, EmulatorControl control, Script script, Knowledge knowledge,
            ConversationProfile profile, Vertx vertx, EmulatorMetrics metrics) {
    }

    private enum Phase {
        AWAITING_CONFIG, STREAMING, CLOSED
    }

    private final StreamObserver<StreamingAnalyzeContentResponse> responses;
    private final Services services;
    private final Clock clock = Clock.systemUTC();
    /** The event loop gRPC delivers this call on; other threads hand their work to it. */
    private final Context context = Vertx.currentContext();
    private final Runnable onConversationCompleted = this::conversationCompleted;

    private Phase phase = Phase.AWAITING_CONFIG;
    private ConversationStore.StoredParticipant participant;
    private ConversationStore.StreamRecord record;
    private AudioEncoding encoding;
    private String languageCode;
    private boolean wordInfo;

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
    private short[] pcm = new short[1600];
    private int pendingByte = -1;
    private Utterance utterance;
    private long lastInterimAt;

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
        if (request.getParticipant().isEmpty()
                || request.getConfigCase() != StreamingAnalyzeContentRequest.ConfigCase.AUDIO_CONFIG) {
            throw StreamRules.refuse("first_request",
                    Errors.invalid("The first request must contain participant and audio_config."));
        }
        if (request.getInputCase() != StreamingAnalyzeContentRequest.InputCase.INPUT_NOT_SET) {
            throw StreamRules.refuse("first_request",
                    Errors.invalid("The first request must not contain input; send audio in later requests."));
        }
        participant = services.store().participant(request.getParticipant());
        rules = services.control().rules();
        String model = rules.checkConfig(request, participant, services.profile().getSttConfig().getModel());
        String project = participant.name.split("/")[1];
        if (!services.control().tryOpenStream(project)) {
            throw StreamRules.refuse("quota", Errors.quotaExceeded(project));
        }
        InputAudioConfig config = request.getAudioConfig();
        encoding = config.getAudioEncoding();
        languageCode = config.getLanguageCode();
        wordInfo = config.getEnableWordInfo();

        EmulatorControl.StreamPlan plan = services.control().streamOpened();
        record = participant.openStream(plan.number(), languageCode, model, encoding);
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
        vad = new VoiceActivityDetector(SAMPLE_RATE, this);
        armTimer();
        LOG.debugf("stream %d opened for %s (%s, %s, %s%s)", plan.number(), participant.name, languageCode, model,
                encoding, request.getEnableExtendedStreaming() ? ", extended" : "");
    }

    private void next(StreamingAnalyzeContentRequest request) {
        if (request.getConfigCase() != StreamingAnalyzeContentRequest.ConfigCase.CONFIG_NOT_SET
                || !request.getParticipant().isEmpty()) {
            throw StreamRules.refuse("later_request",
                    Errors.invalid("Only the first request may contain participant and config."));
        }
        switch (request.getInputCase()) {
            case INPUT_AUDIO -> audio(request.getInputAudio());
            case INPUT_NOT_SET -> {
                // Google's Python connector sends an empty request before half-closing.
            }
            default -> throw StreamRules.refuse("later_request", Errors.invalid(
                    "Only input_audio may follow the first request, not " + request.getInputCase() + "."));
        }
    }

    private void audio(ByteString audio) {
        long now = System.nanoTime();
        rules.checkAudioSize(audio.size());
        lastAudioNanos = now;
        audioBytes += audio.size();
        record.audio(audio.size());
        int bytesPerSample = encoding == AudioEncoding.AUDIO_ENCODING_LINEAR_16 ? Linear16.BYTES_PER_SAMPLE : 1;
        long audioNanos = audioBytes / bytesPerSample * 1_000_000_000L / SAMPLE_RATE;
        long audioMillis = audioNanos / 1_000_000;
        if (Math.max(audioNanos, now - openedNanos) > limitNanos) {
            throw StreamRules.refuse("stream_limit", Errors.streamTooLong(seconds(limitNanos)));
        }
        rules.checkPace(audioNanos, now - openedNanos);
        if (failLater != null && audioMillis >= failLaterAfterMillis) {
            throw StreamRules.refuse("injected", Errors.injected(failLater));
        }
        detect(audio.toByteArray());
    }

    private void detect(byte[] bytes) {
        if (encoding == AudioEncoding.AUDIO_ENCODING_MULAW) {
            ensureCapacity(bytes.length);
            MuLaw.decode(bytes, 0, bytes.length, pcm, 0);
            vad.accept(pcm, 0, bytes.length);
            return;
        }
        // L16 chunks need not hold whole samples: an odd byte waits for its partner.
        byte[] data = bytes;
        if (pendingByte >= 0) {
            data = new byte[bytes.length + 1];
            data[0] = (byte) pendingByte;
            System.arraycopy(bytes, 0, data, 1, bytes.length);
        }
        int samples = data.length / Linear16.BYTES_PER_SAMPLE;
        pendingByte = data.length % 2 == 1 ? data[data.length - 1] & 0xFF : -1;
        ensureCapacity(samples);
        Linear16.decode(data, 0, samples, pcm, 0);
        vad.accept(pcm, 0, samples);
    }

    private void ensureCapacity(int samples) {
        if (pcm.length < samples) {
            pcm = new short[samples];
        }
    }

    @Override
    public void speechStarted(long start) {
        int index = participant.conversation.finalized(participant.role).get();
        utterance = new Utterance(services.script().line(participant.role, index), languageCode);
        lastInterimAt = start;
    }

    @Override
    public void speaking(long start, long voicedEnd) {
        if (millis(voicedEnd - lastInterimAt) >= INTERIM_EVERY_MS) {
            lastInterimAt = voicedEnd;
            responses.onNext(utterance.interim(millis(voicedEnd - start), millis(voicedEnd)));
        }
    }

    @Override
    public void utteranceEnded(long start, long end) {
        responses.onNext(utterance.finalResult(millis(start), millis(end), wordInfo));
        record.utteranceFinalized();
        LOG.debugf("utterance of %s finalized: %s", participant.name, utterance.text());
        boolean sentiment = services.profile().getHumanAgentAssistantConfig().getMessageAnalysisConfig()
                .getEnableSentimentAnalysis();
        responses.onNext(utterance.message(participant.conversation.name, participant.name, participant.role,
                clock.instant(), sentiment, participant.role == Participant.Role.END_USER
                        ? services.knowledge().match(utterance.text())
                        : List.of()));
        utterance = null;
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

    private static long millis(long samples) {
        return samples * 1000 / SAMPLE_RATE;
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
