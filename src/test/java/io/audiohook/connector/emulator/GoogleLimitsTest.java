package io.audiohook.connector.emulator;

import static io.audiohook.connector.emulator.AnalyzeCall.audioConfig;
import static io.audiohook.connector.emulator.AnalyzeCall.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Each limit of the real service that the emulator models, refused with Google's status code (and, where
 * clients recognise it, Google's text). The sources are in the emulator's package documentation.
 */
@QuarkusTest
class GoogleLimitsTest extends EmulatorTesting {
    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    static final byte[] ONE_SECOND = silence(8000);

    @Test
    void aProjectOpensAtMostItsQuotaOfStreamsPerMinute() {
        int used = control.quotaUsed("emulated-project");
        control.setStreamsPerMinute(used + 2);
        List<AnalyzeCall> accepted = List.of(customerStream(), customerStream());
        ConversationsTest.eventually(() -> control.quotaUsed("emulated-project") == used + 2);

        ApiException refused = customerStream().awaitError();
        assertEquals(StatusCode.Code.RESOURCE_EXHAUSTED, code(refused));
        assertTrue(refused.getMessage().contains("Quota exceeded for quota metric"), refused.getMessage());
        assertEquals(used + 2, control.quotaUsed("emulated-project"), "a refused stream does not count");

        control.setStreamsPerMinute(used + 3);
        customerStream().audio(ONE_SECOND, 0, 800).halfClose().awaitCompletion();
        accepted.forEach(s -> s.halfClose().awaitCompletion());
    }

    @Test
    void onlyEndUsersAndHumanAgentsStream() {
        String bot = df.participants.createParticipant(call.conversation(),
                Participant.newBuilder().setRole(Participant.Role.AUTOMATED_AGENT).build()).getName();
        ApiException refused = AnalyzeCall.open(df.participants)
                .config(bot, audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(refused), refused.getMessage());
        customerStream().audio(ONE_SECOND, 0, 800).halfClose().awaitCompletion();
    }

    @Test
    void audioFarAheadOfRealTimeIsRefusedTheWaySpeechRefusesIt() {
        control.setPace(2.0, Duration.ofSeconds(1));
        // one second at once is within the burst
        customerStream().audio(ONE_SECOND, 0, ONE_SECOND.length).halfClose().awaitCompletion();

        AnalyzeCall tooFast = customerStream();
        for (int second = 0; second < 4; second++) {
            tooFast.audioInChunks(ONE_SECOND, 800);
        }
        ApiException refused = tooFast.awaitError();
        assertEquals(StatusCode.Code.OUT_OF_RANGE, code(refused));
        assertTrue(refused.getMessage().contains("Audio data is being streamed too fast"), refused.getMessage());
    }

    @Test
    void anAudioRequestAbove25KbIsRefused() {
        byte[] audio = silence(25_001);
        customerStream().audio(audio, 0, 25_000).halfClose().awaitCompletion();
        ApiException refused = customerStream().audio(audio, 0, 25_001).awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(refused), refused.getMessage());
    }

    @Test
    void aLanguageOrModelTheProfileCannotRecogniseIsRefused() {
        ApiException language = AnalyzeCall.open(df.participants)
                .config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW).setLanguageCode("xx-XX"))
                .awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(language));
        assertTrue(language.getMessage().contains("not supported for language : xx-XX"), language.getMessage());

        ApiException model = AnalyzeCall.open(df.participants)
                .config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW).setModel("no_such_model"))
                .awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(model), model.getMessage());

        // language tags are compared without regard to case, as BCP-47 says
        AnalyzeCall.open(df.participants)
                .config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW).setLanguageCode("EN-gb"))
                .audio(ONE_SECOND, 0, 800).halfClose().awaitCompletion();
    }

    @Test
    void completingTheConversationEndsItsOpenStreams() {
        AnalyzeCall open = customerStream().audio(ONE_SECOND, 0, 800);
        ConversationsTest.eventually(() -> control.participant(call.customer()).orElseThrow().audioBytes() == 800);
        df.conversations.completeConversation(call.conversation());
        ApiException ended = open.awaitError();
        assertEquals(StatusCode.Code.FAILED_PRECONDITION, code(ended));
        assertTrue(ended.getMessage().contains(Errors.CONVERSATION_COMPLETED), ended.getMessage());
    }

    @Test
    void extendedStreamingNeedsTheAgentAssistStageAndLastsThreeMinutes() {
        Conversation virtualAgent = df.conversations.createConversation(CreateConversationRequest.newBuilder()
                .setParent(EmulatedCall.PARENT).setConversationId(EmulatedCall.newConversationId())
                .setConversation(Conversation.newBuilder().setConversationProfile(EmulatedCall.PROFILE)
                        .setConversationStage(Conversation.ConversationStage.VIRTUAL_AGENT_STAGE))
                .build());
        String endUser = df.participants.createParticipant(virtualAgent.getName(),
                Participant.newBuilder().setRole(Participant.Role.END_USER).build()).getName();
        ApiException refused = AnalyzeCall.open(df.participants).send(extended(endUser)).awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(refused), refused.getMessage());

        // past the classic limit, an extended stream goes on
        control.setStreamLimit(Duration.ofMillis(500));
        AnalyzeCall classic = customerStream();
        AnalyzeCall longer = AnalyzeCall.open(df.participants).send(extended(call.customer()));
        for (int i = 0; i < 8; i++) {
            classic.audio(ONE_SECOND, 0, 800);
            longer.audio(ONE_SECOND, 0, 800);
            io.audiohook.connector.testkit.TestCalls.sleep(Duration.ofMillis(100));
        }
        assertEquals(StatusCode.Code.OUT_OF_RANGE, code(classic.awaitError()));
        longer.halfClose().awaitCompletion();
    }

    @Test
    void oneConnectionCarriesAtMostItsConcurrentStreamLimit() {
        // the test profile limits a connection to 40 streams; Google's client here has one channel
        long before = control.streamsOpened();
        List<AnalyzeCall> open = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            open.add(customerStream().audio(ONE_SECOND, 0, 800));
        }
        ConversationsTest.eventually(() -> control.streamsOpened() == before + 40);
        AnalyzeCall queued = customerStream().audio(ONE_SECOND, 0, 800).halfClose();
        io.audiohook.connector.testkit.TestCalls.sleep(Duration.ofMillis(800));
        assertEquals(before + 40, control.streamsOpened(), "the 41st stream waits for a free slot");
        assertFalse(queued.isDone());

        open.get(0).halfClose().awaitCompletion();
        queued.awaitCompletion();
        assertEquals(before + 41, control.streamsOpened());
        open.subList(1, open.size()).forEach(s -> s.halfClose().awaitCompletion());
    }

    @Test
    void linear16At16kHzIsAcceptedAndTheDeclaredRateRecorded() {
        // the rates refused are StreamingErrorsTest's
        AnalyzeCall.open(df.participants).config(call.customer(),
                audioConfig(AudioEncoding.AUDIO_ENCODING_LINEAR_16).setSampleRateHertz(16000))
                .audio(new byte[3200], 0, 3200).halfClose().awaitCompletion();
        StreamStats accepted = control.participant(call.customer()).orElseThrow().streams().get(0);
        assertEquals(AudioEncoding.AUDIO_ENCODING_LINEAR_16, accepted.encoding());
        assertEquals(16000, accepted.sampleRateHertz(), "what Dialogflow was told is recorded");
        assertEquals(3200, accepted.audioBytes());
    }

    @Test
    void audioPlayingAtHalfItsDeclaredRateIsRefusedAndAudioAtItsRateIsNot() {
        // judged after 2 s over a 1 s window (the defaults wait 45 s, see the package documentation)
        control.setAudioRateCheck(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2);
        double refusalsBefore = refusals("audio_rate");
        InputAudioConfig.Builder sixteenK = audioConfig(AudioEncoding.AUDIO_ENCODING_LINEAR_16)
                .setSampleRateHertz(16000);
        AnalyzeCall right = AnalyzeCall.open(df.participants).config(call.customer(), sixteenK);
        AnalyzeCall wrong = AnalyzeCall.open(df.participants).config(call.agent(), sixteenK);
        // audio at its real pace, 16 kHz LINEAR16 for the customer, 8 kHz LINEAR16 (told 16 kHz) for the agent: sent
        // by the clock (what is due by now), so a slow tick on a loaded machine does not slow the rate
        long start = System.nanoTime();
        long sentMillis = 0;
        while (sentMillis < 4500 && !wrong.isDone()) {
            long dueMillis = Math.min(4500, (System.nanoTime() - start) / 1_000_000);
            int millis = (int) (dueMillis - sentMillis);
            if (millis > 0) {
                right.audio(new byte[32 * millis], 0, 32 * millis);
                wrong.audio(new byte[16 * millis], 0, 16 * millis);
                sentMillis = dueMillis;
            }
            io.audiohook.connector.testkit.TestCalls.sleep(Duration.ofMillis(50));
        }
        ApiException refused = wrong.awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(refused));
        assertTrue(refused.getMessage().contains("audio arrives at about 8000 Hz but sample_rate_hertz is 16000"),
                refused.getMessage());
        assertEquals(refusalsBefore + 1, refusals("audio_rate"), "counted under its own rule");
        right.halfClose().awaitCompletion();
    }

    private double refusals(String rule) {
        io.micrometer.core.instrument.Counter counter = meters.find("dialogflow.emulator.refusals").tag("rule", rule)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private AnalyzeCall customerStream() {
        return AnalyzeCall.open(df.participants).config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW));
    }

    private static StreamingAnalyzeContentRequest extended(String participant) {
        return StreamingAnalyzeContentRequest.newBuilder().setParticipant(participant)
                .setAudioConfig(audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).setOutputMultipleUtterances(true)
                .setEnableExtendedStreaming(true).build();
    }
}
