package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.grpc.stub.StreamObserver;

class UtteranceResponderTest {
    /** Samples per millisecond at 8 kHz. */
    private static final int MS = AudioChunkDecoder.VAD_RATE / 1000;
    private static final Instant NOW = Instant.parse("2024-01-01T10:00:00Z");
    /** FAQ on the customer's utterances, grouped with the message; sentiment on. */
    static final AssistProfile FAQ_PROFILE = AssistProfilesTest.load("""
            {"conversationProfiles": [{"name": "%s", "humanAgentAssistantConfig": {
               "humanAgentSuggestionConfig": {"featureConfigs": [{"suggestionFeature": {"type": "FAQ"},
                  "suggestionTriggerSettings": {"onlyEndUser": true}}], "groupSuggestionResponses": true},
               "messageAnalysisConfig": {"enableSentimentAnalysis": true}}}]}
            """.formatted(EmulatedCall.PROFILE), EmulatedCall.PROFILE).of(EmulatedCall.PROFILE);
    private static final UtteranceResponder.Content CONTENT = new UtteranceResponder.Content(
            Script.parse(List.of("external: my card is lost", "internal: let me check the card",
                    "external: thanks")),
            Knowledge.parse(List.of("card | Lost card? | Block it in the app.")), FAQ_PROFILE,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private final StoredConversation conversation = new StoredConversation(EmulatedCall.PARENT + "/conversations/abc",
            EmulatedCall.PROFILE, Conversation.ConversationStage.HUMAN_ASSIST_STAGE, Protos.timestamp(NOW));
    private final List<StreamingAnalyzeContentResponse> responses = new ArrayList<>();

    @Test
    void interimResultsComeEvery400MsOfSpeech() {
        UtteranceResponder responder = responder(Participant.Role.END_USER);
        long start = 100 * MS;
        responder.speechStarted(start);
        for (int ms = 20; ms <= 1000; ms += 20) {
            responder.speaking(start, start + ms * MS);
        }
        List<StreamingRecognitionResult> interims = responses.stream()
                .map(StreamingAnalyzeContentResponse::getRecognitionResult).toList();
        assertEquals(2, interims.size(), "at 400 and 800 ms");
        assertEquals(List.of(500L, 900L), interims.stream().map(r -> Protos.millis(r.getSpeechEndOffset())).toList(),
                "speech end offsets are audio time since the stream's first sample");
        assertTrue(interims.stream().noneMatch(StreamingRecognitionResult::getIsFinal));
    }

    @Test
    void theCustomersUtteranceIsFinalizedThenAnalysedWithFaqAnswers() {
        UtteranceResponder responder = responder(Participant.Role.END_USER);
        responder.speechStarted(0);
        responder.utteranceEnded(0, 1200 * MS);

        assertEquals(2, responses.size());
        StreamingRecognitionResult result = responses.get(0).getRecognitionResult();
        assertTrue(result.getIsFinal());
        assertEquals("my card is lost", result.getTranscript());
        assertEquals(4, result.getSpeechWordInfoCount(), "word info was asked for");
        StreamingAnalyzeContentResponse message = responses.get(1);
        assertEquals("my card is lost", message.getMessage().getContent());
        assertEquals(Participant.Role.END_USER, message.getMessage().getParticipantRole());
        assertEquals(Protos.timestamp(NOW), message.getMessage().getCreateTime());
        assertTrue(message.getMessage().hasSentimentAnalysis());
        assertEquals("Lost card?", message.getHumanAgentSuggestionResults(0).getSuggestFaqAnswersResponse()
                .getFaqAnswers(0).getQuestion());
        assertEquals(1, conversation.finalized(Participant.Role.END_USER).get());
        assertEquals(List.of(message.getMessage()), conversation.messages.context("", 10),
                "the conversation keeps the message for summaries");
    }

    @Test
    void theAgentGetsNoFaqAnswers() {
        UtteranceResponder responder = responder(Participant.Role.HUMAN_AGENT);
        responder.speechStarted(0);
        responder.utteranceEnded(0, 800 * MS);

        assertEquals("let me check the card", responses.get(0).getRecognitionResult().getTranscript());
        assertEquals(0, responses.get(1).getHumanAgentSuggestionResultsCount());
    }

    @Test
    void eachUtteranceOfARoleTakesTheNextLineAcrossStreams() {
        responder(Participant.Role.END_USER).speechStarted(0);
        conversation.finalized(Participant.Role.END_USER).incrementAndGet(); // another stream finalized one
        UtteranceResponder responder = responder(Participant.Role.END_USER);
        responder.speechStarted(0);
        responder.utteranceEnded(0, 400 * MS);

        assertEquals("thanks", responses.get(0).getRecognitionResult().getTranscript());
        assertFalse(responses.get(1).getMessage().getContent().isEmpty());
    }

    private UtteranceResponder responder(Participant.Role role) {
        StoredParticipant participant = new StoredParticipant(conversation.name + "/participants/" + role, role,
                conversation);
        StreamRecord record = participant.openStream(1, "en-US", "phone_call", AudioEncoding.AUDIO_ENCODING_MULAW,
                8000);
        return new UtteranceResponder(new Collecting(), participant, record, "en-US", true, CONTENT);
    }

    private final class Collecting implements StreamObserver<StreamingAnalyzeContentResponse> {
        @Override
        public void onNext(StreamingAnalyzeContentResponse value) {
            responses.add(value);
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError("a responder never fails the stream", t);
        }

        @Override
        public void onCompleted() {
            throw new AssertionError("a responder never completes the stream");
        }
    }
}
