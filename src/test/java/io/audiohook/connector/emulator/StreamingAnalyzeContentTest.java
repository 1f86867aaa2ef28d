package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

import io.audiohook.connector.audio.Linear16;
import io.audiohook.connector.audio.MuLaw;
import io.audiohook.connector.audio.RecognizerAudio;
import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.grpc.Status;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The speech fixture streamed as the connector streams it: one stream per party, 100 ms chunks. */
@QuarkusTest
class StreamingAnalyzeContentTest {
    static final List<String> CUSTOMER_LINES = List.of("Hi, I lost my bank card. What is my balance?",
            "Thanks. Can I get a new card?");
    static final List<String> AGENT_LINES = List.of("I blocked the card. Your balance is four hundred dollars.",
            "Yes, it will arrive in five days.");
    /** Where each turn's speech ends in the fixture, ms. */
    static final long[] CUSTOMER_ENDS = {3140, 8580};
    static final long[] AGENT_ENDS = {6420, 10700};

    @TestHTTPResource("/")
    URL application;
    @Inject
    EmulatorControl control;

    DialogflowClients df;
    EmulatedCall.Fixture fixture = EmulatedCall.Fixture.load();

    @BeforeEach
    void connect() {
        df = new DialogflowClients(application);
    }

    @AfterEach
    void close() {
        control.reset();
        df.close();
    }

    @Test
    void eachPartysStreamIsTranscribedUtteranceByUtteranceWithSuggestionsForTheCustomer() {
        EmulatedCall call = EmulatedCall.create(df);
        AnalyzeCall customer = AnalyzeCall.open(df.participants)
                .config(call.customer(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW).setEnableWordInfo(true));
        AnalyzeCall agent = AnalyzeCall.open(df.participants)
                .config(call.agent(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW).setEnableWordInfo(true));
        customer.audioInChunks(fixture.customer(), AnalyzeCall.CHUNK_BYTES_MULAW).halfClose();
        agent.audioInChunks(fixture.agent(), AnalyzeCall.CHUNK_BYTES_MULAW).halfClose();

        List<StreamingAnalyzeContentResponse> fromCustomer = customer.awaitCompletion();
        List<StreamingAnalyzeContentResponse> fromAgent = agent.awaitCompletion();

        assertUtterances(fromCustomer, CUSTOMER_LINES, CUSTOMER_ENDS);
        assertUtterances(fromAgent, AGENT_LINES, AGENT_ENDS);
        assertMessages(fromCustomer, call.customer(), Participant.Role.END_USER, CUSTOMER_LINES);
        assertMessages(fromAgent, call.agent(), Participant.Role.HUMAN_AGENT, AGENT_LINES);

        List<Message> customerMessages = messages(fromCustomer);
        assertTrue(customerMessages.get(0).getSentimentAnalysis().getQueryTextSentiment().getScore() < 0,
                "losing a card is bad news");
        assertTrue(customerMessages.get(1).getSentimentAnalysis().getQueryTextSentiment().getScore() > 0, "thanks");

        StreamingAnalyzeContentResponse lostCard = fromCustomer.stream().filter(StreamingAnalyzeContentResponse::hasMessage)
                .findFirst().orElseThrow();
        List<FaqAnswer> answers = lostCard.getHumanAgentSuggestionResults(0).getSuggestFaqAnswersResponse()
                .getFaqAnswersList();
        assertTrue(answers.get(0).getQuestion().contains("lost"), answers.get(0).getQuestion());
        assertFalse(answers.get(0).getAnswer().isEmpty());
        assertTrue(answers.get(0).getConfidence() > 0);
        assertTrue(answers.get(0).getAnswerRecord().startsWith(EmulatedCall.PARENT + "/answerRecords/"));
        assertTrue(answers.get(0).getSource().startsWith(EmulatedCall.PARENT + "/knowledgeBases/"));
        assertEquals(lostCard.getMessage().getName(),
                lostCard.getHumanAgentSuggestionResults(0).getSuggestFaqAnswersResponse().getLatestMessage());
        assertTrue(fromAgent.stream().flatMap(r -> r.getHumanAgentSuggestionResultsList().stream())
                .noneMatch(SuggestionResult::hasSuggestFaqAnswersResponse), "FAQ answers the customer only (only_end_user)");

        ParticipantStats customerStats = control.participant(call.customer()).orElseThrow();
        assertEquals(1, customerStats.streamsOpened());
        assertEquals(fixture.customer().length, customerStats.audioBytes());
        assertEquals(2, customerStats.utterancesFinalized());
        StreamStats stream = customerStats.streams().get(0);
        assertEquals(fixture.customer().length, stream.audioBytes());
        assertEquals("en-US", stream.languageCode());
        assertEquals("latest_long", stream.model());
        assertEquals(AudioEncoding.AUDIO_ENCODING_MULAW, stream.encoding());
        assertEquals(Status.Code.OK, stream.outcome());
        assertEquals(2, control.participant(call.agent()).orElseThrow().utterancesFinalized());
    }

    @Test
    void scriptLinesContinueAcrossStreamsOfTheSameParticipant() {
        EmulatedCall call = EmulatedCall.create(df);
        byte[] audio = fixture.customer();
        int split = 5 * 8000; // 5 s: between the customer's two turns
        List<String> finals = new ArrayList<>();
        for (int[] part : new int[][] {{0, split}, {split, audio.length}}) {
            AnalyzeCall stream = AnalyzeCall.open(df.participants)
                    .config(call.customer(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW));
            for (int from = part[0]; from < part[1]; from += AnalyzeCall.CHUNK_BYTES_MULAW) {
                stream.audio(audio, from, Math.min(part[1], from + AnalyzeCall.CHUNK_BYTES_MULAW));
            }
            finals.addAll(finals(stream.halfClose().awaitCompletion()).stream()
                    .map(StreamingRecognitionResult::getTranscript).toList());
        }
        assertEquals(CUSTOMER_LINES, finals);
        assertEquals(2, control.participant(call.customer()).orElseThrow().streamsOpened());
    }

    @Test
    void utterancesBeyondTheScriptSaySo() {
        EmulatedCall call = EmulatedCall.create(df);
        List<String> finals = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            finals.addAll(finals(AnalyzeCall.open(df.participants)
                    .config(call.customer(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                    .audioInChunks(fixture.customer(), AnalyzeCall.CHUNK_BYTES_MULAW).halfClose().awaitCompletion())
                    .stream().map(StreamingRecognitionResult::getTranscript).toList());
        }
        assertEquals(List.of(CUSTOMER_LINES.get(0), CUSTOMER_LINES.get(1),
                "[utterance 3 of END_USER: no script line]", "[utterance 4 of END_USER: no script line]"), finals);
    }

    @Test
    void linear16IsTranscribedLikeMuLawAndWordsOnlyWhenAskedFor() {
        EmulatedCall call = EmulatedCall.create(df);
        byte[] mulaw = fixture.agent();
        short[] pcm = new short[mulaw.length];
        MuLaw.decode(mulaw, 0, mulaw.length, pcm, 0);
        byte[] l16 = new byte[pcm.length * 2];
        Linear16.encode(pcm, 0, pcm.length, l16, 0);

        List<StreamingAnalyzeContentResponse> responses = AnalyzeCall.open(df.participants)
                .config(call.agent(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_LINEAR_16))
                .audioInChunks(l16, 1601) // odd chunks: samples split across requests
                .halfClose().awaitCompletion();

        assertEquals(AGENT_LINES, finals(responses).stream().map(StreamingRecognitionResult::getTranscript).toList());
        assertTrue(finals(responses).stream().allMatch(r -> r.getSpeechWordInfoCount() == 0),
                "no word info unless enable_word_info");
        assertEquals(l16.length, control.participant(call.agent()).orElseThrow().audioBytes());
    }

    @Test
    void sixteenKilohertzLinear16IsHeardAtItsDeclaredRate() {
        EmulatedCall call = EmulatedCall.create(df);
        byte[] mulaw = fixture.agent();
        RecognizerAudio upsampling = new RecognizerAudio(SampleFormat.PCMU, RecognizerEncoding.LINEAR16_16K);
        java.io.ByteArrayOutputStream wide = new java.io.ByteArrayOutputStream();
        for (int from = 0; from < mulaw.length; from += 1600) { // 200 ms frames, as AudioHook brings them
            wide.writeBytes(upsampling.convert(Arrays.copyOfRange(mulaw, from, Math.min(mulaw.length, from + 1600))));
        }
        byte[] l16 = wide.toByteArray();
        assertEquals(4 * mulaw.length, l16.length);

        List<StreamingAnalyzeContentResponse> responses = AnalyzeCall.open(df.participants)
                .config(call.agent(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_LINEAR_16)
                        .setSampleRateHertz(16000).setEnableWordInfo(true))
                .audioInChunks(l16, 3201) // odd chunks: samples and pairs split across requests
                .halfClose().awaitCompletion();

        assertUtterances(responses, AGENT_LINES, AGENT_ENDS); // the same speech, at the same times
        StreamStats stream = control.participant(call.agent()).orElseThrow().streams().get(0);
        assertEquals(AudioEncoding.AUDIO_ENCODING_LINEAR_16, stream.encoding());
        assertEquals(16000, stream.sampleRateHertz());
        assertEquals(l16.length, stream.audioBytes());
    }

    @Test
    void halfCloseInTheMiddleOfAnUtteranceFinalizesIt() {
        EmulatedCall call = EmulatedCall.create(df);
        List<StreamingAnalyzeContentResponse> responses = AnalyzeCall.open(df.participants)
                .config(call.customer(), AnalyzeCall.audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .audioInChunks(Arrays.copyOf(fixture.customer(), 2 * 8000), AnalyzeCall.CHUNK_BYTES_MULAW)
                .halfClose().awaitCompletion();
        List<StreamingRecognitionResult> finals = finals(responses);
        assertEquals(1, finals.size());
        assertEquals(CUSTOMER_LINES.get(0), finals.get(0).getTranscript());
        assertTrue(messages(responses).size() == 1, "the message follows the final result");
    }

    /** Per utterance: interim results with growing text, then a final one with word timings, then the message. */
    private static void assertUtterances(List<StreamingAnalyzeContentResponse> responses, List<String> lines,
            long[] speechEnds) {
        List<StreamingRecognitionResult> finals = finals(responses);
        assertEquals(lines, finals.stream().map(StreamingRecognitionResult::getTranscript).toList());
        int utterance = 0;
        List<StreamingRecognitionResult> interims = new ArrayList<>();
        for (StreamingAnalyzeContentResponse response : responses) {
            if (!response.hasRecognitionResult()) {
                continue;
            }
            StreamingRecognitionResult result = response.getRecognitionResult();
            assertEquals(StreamingRecognitionResult.MessageType.TRANSCRIPT, result.getMessageType());
            assertEquals("en-US", result.getLanguageCode());
            if (!result.getIsFinal()) {
                interims.add(result);
                continue;
            }
            String line = lines.get(utterance);
            assertTrue(interims.size() >= 3, "interim results before final " + utterance + ": " + interims.size());
            for (int i = 0; i < interims.size(); i++) {
                String partial = interims.get(i).getTranscript();
                assertTrue(line.startsWith(partial) && partial.length() < line.length(), partial);
                assertTrue(interims.get(i).getStability() > 0);
                if (i > 0) {
                    assertTrue(partial.length() >= interims.get(i - 1).getTranscript().length(), "text grows");
                }
            }
            assertTrue(result.getConfidence() > 0.5f);
            long end = Protos.millis(result.getSpeechEndOffset());
            assertTrue(Math.abs(end - speechEnds[utterance]) <= 100, "speech end " + end);
            List<SpeechWordInfo> words = result.getSpeechWordInfoList();
            assertEquals(List.of(line.split(" ")), words.stream().map(SpeechWordInfo::getWord).toList());
            long previousEnd = 0;
            for (SpeechWordInfo word : words) {
                long start = Protos.millis(word.getStartOffset());
                assertTrue(start >= previousEnd && Protos.millis(word.getEndOffset()) > start, word.toString());
                previousEnd = Protos.millis(word.getEndOffset());
            }
            assertEquals(end, previousEnd, "the last word ends with the speech");
            interims.clear();
            utterance++;
        }
        assertTrue(interims.isEmpty(), "no interim after the last final");
    }

    private static void assertMessages(List<StreamingAnalyzeContentResponse> responses, String participant,
            Participant.Role role, List<String> lines) {
        List<Message> messages = messages(responses);
        assertEquals(lines, messages.stream().map(Message::getContent).toList());
        String conversation = participant.substring(0, participant.indexOf("/participants/"));
        for (Message message : messages) {
            assertTrue(message.getName().startsWith(conversation + "/messages/"), message.getName());
            assertEquals(participant, message.getParticipant());
            assertEquals(role, message.getParticipantRole());
            assertEquals("en-US", message.getLanguageCode());
            assertTrue(message.hasCreateTime() && message.hasSendTime());
            assertTrue(message.getSentimentAnalysis().hasQueryTextSentiment());
            assertTrue(message.getSentimentAnalysis().getQueryTextSentiment().getMagnitude() >= 0);
        }
        // Each message comes right after its final result.
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i).hasMessage()) {
                assertTrue(responses.get(i - 1).getRecognitionResult().getIsFinal());
            }
        }
    }

    static List<StreamingRecognitionResult> finals(List<StreamingAnalyzeContentResponse> responses) {
        return responses.stream().filter(StreamingAnalyzeContentResponse::hasRecognitionResult)
                .map(StreamingAnalyzeContentResponse::getRecognitionResult).filter(StreamingRecognitionResult::getIsFinal)
                .toList();
    }

    static List<Message> messages(List<StreamingAnalyzeContentResponse> responses) {
        return responses.stream().filter(StreamingAnalyzeContentResponse::hasMessage)
                .map(StreamingAnalyzeContentResponse::getMessage).toList();
    }
}
