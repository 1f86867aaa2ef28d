package io.audiohook.connector.emulator;

import java.time.Clock;
import java.time.Duration;

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
import io.vertx.core.Vertx;

/**
 * One StreamingAnalyzeContent call, checked the way Dialogflow checks it: a first request with
 * {@code participant} and {@code audio_config} only, then {@code input_audio} only; a stream length
 * limit and an audio timeout, both answered with {@code OUT_OF_RANGE}. The audio is cut into
 * utterances by {@link VoiceActivityDetector}; each gets interim results while it goes on, a final
 * result when it ends, then the analysed message (with FAQ suggestions for the customer).
 *
 * <p>gRPC and the timer call in from the event loop; the methods are synchronized anyway, since the
 * order of requests, timer and half-close is the whole logic here and a lock costs nothing uncontended.
 */
final class AnalyzeContentStream implements StreamObserver<StreamingAnalyzeContentRequest>, VoiceActivityDetector.Listener {
    private static final Logger LOG = Logger.getLogger(AnalyzeContentStream.class);
    static final int SAMPLE_RATE = 8000;
    /** Interim results come after about this much more speech. */
    static final int INTERIM_EVERY_MS = 400;

    /** What a stream needs from the application. */
    record Services(ConversationStore store, EmulatorControl control, Script script, Knowledge knowledge,
            ConversationProfile profile, Vertx vertx) {
    }

    private enum Phase {
        AWAITING_CONFIG, STREAMING, CLOSED
    }

    private final StreamObserver<StreamingAnalyzeContentResponse> responses;
    private final Services services;
    private final Clock clock = Clock.systemUTC();

    private Phase phase = Phase.AWAITING_CONFIG;
    private ConversationStore.StoredParticipant participant;
    private ConversationStore.StreamRecord record;
    private AudioEncoding encoding;
    private String languageCode;
    private boolean wordInfo;

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
            throw Errors.invalid("The first request must contain participant and audio_config.");
        }
        if (request.getInputCase() != StreamingAnalyzeContentRequest.InputCase.INPUT_NOT_SET) {
            throw Errors.invalid("The first request must not contain input; send audio in later requests.");
        }
        participant = services.store().participant(request.getParticipant());
        if (participant.conversation.isCompleted()) {
            throw Errors.conversationCompleted();
        }
        InputAudioConfig config = request.getAudioConfig();
        encoding = config.getAudioEncoding();
        if (encoding != AudioEncoding.AUDIO_ENCODING_MULAW && encoding != AudioEncoding.AUDIO_ENCODING_LINEAR_16) {
            throw Errors.invalid("Unsupported audio_encoding " + encoding
                    + ": the emulator accepts AUDIO_ENCODING_MULAW and AUDIO_ENCODING_LINEAR_16.");
        }
        if (config.getSampleRateHertz() != SAMPLE_RATE) {
            throw Errors.invalid("Unsupported sample_rate_hertz " + config.getSampleRateHertz()
                    + ": the emulator accepts 8000.");
        }
        if (config.getLanguageCode().isEmpty()) {
            throw Errors.invalid("audio_config.language_code is required.");
        }
        languageCode = config.getLanguageCode();
        wordInfo = config.getEnableWordInfo();
        String model = config.getModel().isEmpty() ? services.profile().getSttConfig().getModel() : config.getModel();

        EmulatorControl.StreamPlan plan = services.control().streamOpened();
        record = participant.openStream(plan.number(), languageCode, model, encoding);
        phase = Phase.STREAMING;
        if (plan.failNow() != null) {
            throw Errors.injected(plan.failNow());
        }
        failLater = plan.failLater();
        failLaterAfterMillis = plan.failLaterAfter() == null ? 0 : plan.failLaterAfter().toMillis();
        limitNanos = services.control().streamLimit().toNanos();
        audioTimeoutNanos = services.control().audioTimeout().toNanos();
        openedNanos = System.nanoTime();
        lastAudioNanos = openedNanos;
        vad = new VoiceActivityDetector(SAMPLE_RATE, this);
        armTimer();
        LOG.debugf("stream %d opened for %s (%s, %s, %s)", plan.number(), participant.name, languageCode, model,
                encoding);
    }

    private void next(StreamingAnalyzeContentRequest request) {
        if (request.getConfigCase() != StreamingAnalyzeContentRequest.ConfigCase.CONFIG_NOT_SET
                || !request.getParticipant().isEmpty()) {
            throw Errors.invalid("Only the first request may contain participant and config.");
        }
        switch (request.getInputCase()) {
            case INPUT_AUDIO -> audio(request.getInputAudio());
            case INPUT_NOT_SET -> {
                // Google's Python connector sends an empty request before half-closing.
            }
            default -> throw Errors.invalid("Only input_audio may follow the first request, not "
                    + request.getInputCase() + ".");
        }
    }

    private void audio(ByteString audio) {
        long now = System.nanoTime();
        lastAudioNanos = now;
        audioBytes += audio.size();
        record.audio(audio.size());
        int bytesPerSample = encoding == AudioEncoding.AUDIO_ENCODING_LINEAR_16 ? Linear16.BYTES_PER_SAMPLE : 1;
        long audioMillis = audioBytes / bytesPerSample * 1000 / SAMPLE_RATE;
        if (Math.max(audioMillis * 1_000_000, now - openedNanos) > limitNanos) {
            throw Errors.streamTooLong(seconds(limitNanos));
        }
        if (failLater != null && audioMillis >= failLaterAfterMillis) {
            throw Errors.injected(failLater);
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
                        : java.util.List.of()));
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
            fail(Errors.streamTooLong(seconds(limitNanos)));
        } else if (now - lastAudioNanos >= audioTimeoutNanos) {
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

    private void close(Status.Code outcome) {
        phase = Phase.CLOSED;
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
