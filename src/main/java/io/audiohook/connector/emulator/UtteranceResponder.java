package io.audiohook.connector.emulator;

import java.time.Clock;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;

import io.grpc.stub.StreamObserver;

/**
 * Answers the utterances the voice activity detector finds in one stream: interim results every
 * {@value #INTERIM_EVERY_MS} ms of speech, the final result when the utterance ends, then the analysed
 * message and the suggestions of the conversation's profile ({@link UtteranceSuggestions}). The words are the
 * script line of the participant's role that the conversation's count of finalized utterances points at.
 *
 * <p>Not thread-safe: the detector calls it under the stream's lock.
 */
final class UtteranceResponder implements VoiceActivityDetector.Listener {
    private static final Logger LOG = Logger.getLogger(UtteranceResponder.class);
    /** Interim results come after about this much more speech. */
    static final int INTERIM_EVERY_MS = 400;

    /** What the answers depend on besides the stream: the words, the knowledge, the conversation's profile. */
    record Content(Script script, Knowledge knowledge, AssistProfile profile, Clock clock) {
    }

    private final StreamObserver<StreamingAnalyzeContentResponse> responses;
    private final StoredParticipant participant;
    private final StreamRecord record;
    private final String languageCode;
    private final boolean wordInfo;
    private final Content content;
    private Utterance utterance;
    private final VoicedSpans voiced = new VoicedSpans();
    private long lastVoicedEnd;
    private long lastInterimAt;

    UtteranceResponder(StreamObserver<StreamingAnalyzeContentResponse> responses, StoredParticipant participant,
            StreamRecord record, String languageCode, boolean wordInfo, Content content) {
        this.responses = responses;
        this.participant = participant;
        this.record = record;
        this.languageCode = languageCode;
        this.wordInfo = wordInfo;
        this.content = content;
    }

    @Override
    public void speechStarted(long start) {
        int index = participant.conversation.finalized(participant.role).get();
        utterance = new Utterance(content.script().line(participant.role, index), languageCode);
        lastInterimAt = start;
        lastVoicedEnd = -1;
    }

    @Override
    public void speaking(long start, long voicedEnd) {
        long windowStart = voicedEnd - AudioChunkDecoder.VAD_RATE * VoiceActivityDetector.WINDOW_MS / 1000;
        if (lastVoicedEnd < 0) {
            voiced.start(millis(start), millis(voicedEnd)); // the windows that confirmed it were voiced too
        } else {
            voiced.voiced(millis(windowStart), millis(voicedEnd));
        }
        lastVoicedEnd = voicedEnd;
        if (millis(voicedEnd - lastInterimAt) >= INTERIM_EVERY_MS) {
            lastInterimAt = voicedEnd;
            responses.onNext(utterance.interim(millis(voicedEnd - start), millis(voicedEnd)));
        }
    }

    @Override
    public void utteranceEnded(long start, long end) {
        if (lastVoicedEnd < 0) {
            voiced.start(millis(start), millis(end));
        }
        responses.onNext(utterance.finalResult(millis(start), millis(end), wordInfo ? voiced : null));
        record.utteranceFinalized();
        LOG.debugf("utterance of %s finalized: %s", participant.name, utterance.text());
        Message message = utterance.message(participant.conversation.name, participant.name, participant.role,
                content.clock().instant(), content.profile().sentiment());
        UtteranceSuggestions.respond(message, content.profile(), content.knowledge(), participant.conversation)
                .forEach(responses::onNext);
        utterance = null;
    }

    private static long millis(long samples) {
        return samples * 1000 / AudioChunkDecoder.VAD_RATE;
    }
}
