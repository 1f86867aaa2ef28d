package io.audiohook.connector.emulator;

import static io.audiohook.connector.emulator.AnalyzeCall.audioConfig;
import static io.audiohook.connector.emulator.AnalyzeCall.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;


import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;

/** The checks Dialogflow makes on a stream, its limits, and the faults tests can inject. */
@QuarkusTest
class StreamingErrorsTest extends EmulatorTesting {
    static final byte[] SILENCE_100_MS = silence(800);


    @Test
    void theFirstRequestMustCarryParticipantAndAudioConfigAndNoAudio() {
        assertInvalid(stream().audio(SILENCE_100_MS, 0, 800));
        assertInvalid(stream().send(StreamingAnalyzeContentRequest.newBuilder().setParticipant(call.customer()).build()));
        assertInvalid(stream().send(StreamingAnalyzeContentRequest.newBuilder()
                .setAudioConfig(audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).build()));
        assertInvalid(stream().send(StreamingAnalyzeContentRequest.newBuilder().setParticipant(call.customer())
                .setAudioConfig(audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .setInputAudio(ByteString.copyFrom(SILENCE_100_MS)).build()));
    }

    @Test
    void laterRequestsCarryOnlyAudio() {
        AnalyzeCall stream = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .audio(SILENCE_100_MS, 0, 800)
                .config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW));
        assertInvalid(stream);
        assertInvalid(stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .send(StreamingAnalyzeContentRequest.newBuilder().setInputText("hello").build()));
        // An empty request (Google's Python connector sends one before half-closing) is harmless.
        stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .send(StreamingAnalyzeContentRequest.getDefaultInstance()).halfClose().awaitCompletion();
    }

    @Test
    void onlyMuLawAt8kHzAndLinear16At8Or16kHz() {
        assertInvalid(stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_FLAC)));
        assertInvalid(stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_ALAW)));
        assertInvalid(stream().config(call.customer(),
                audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW).setSampleRateHertz(16000)));
        assertInvalid(stream().config(call.customer(),
                audioConfig(AudioEncoding.AUDIO_ENCODING_LINEAR_16).setSampleRateHertz(44100)));
        assertInvalid(stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)
                .setLanguageCode("")));
    }

    @Test
    void theParticipantMustExist() {
        assertEquals(StatusCode.Code.NOT_FOUND, code(stream().config(call.conversation() + "/participants/absent",
                audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).awaitError()));
        assertEquals(StatusCode.Code.NOT_FOUND, code(stream().config(EmulatedCall.PARENT
                + "/conversations/absent/participants/absent", audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .awaitError()));
        assertInvalid(stream().config("participant-without-conversation", audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)));
    }

    @Test
    void aCompletedConversationTakesNoMoreAudio() {
        df.conversations.completeConversation(call.conversation());
        ApiException error = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .awaitError();
        assertEquals(StatusCode.Code.FAILED_PRECONDITION, code(error));
        assertTrue(error.getMessage().contains("Conversation has completed."), error.getMessage());
    }

    @Test
    void audioBeyondTheStreamLimitIsOutOfRange() {
        control.setStreamLimit(Duration.ofSeconds(1));
        AnalyzeCall stream = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW));
        for (int i = 0; i < 15; i++) {
            stream.audio(SILENCE_100_MS, 0, 800); // faster than real time: the audio, not the clock, runs out
        }
        ApiException error = stream.awaitError();
        assertEquals(StatusCode.Code.OUT_OF_RANGE, code(error));
        assertTrue(error.getMessage().contains("Exceeded maximum allowed stream duration of 1 seconds."),
                error.getMessage());
        StreamStats stats = control.participant(call.customer()).orElseThrow().streams().get(0);
        assertEquals(Status.Code.OUT_OF_RANGE, stats.outcome());
        assertEquals(11 * 800, stats.audioBytes(), "the chunk that crossed the limit is counted, later ones are not");
    }

    @Test
    void wallTimeBeyondTheStreamLimitIsOutOfRange() {
        control.setStreamLimit(Duration.ofMillis(300));
        long start = System.nanoTime();
        ApiException error = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .awaitError();
        assertEquals(StatusCode.Code.OUT_OF_RANGE, code(error));
        assertTrue(error.getMessage().contains("Exceeded maximum allowed stream duration of 0.3 seconds."),
                error.getMessage());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void noAudioForTheAudioTimeoutIsOutOfRange() throws InterruptedException {
        control.setAudioTimeout(Duration.ofMillis(400));
        AnalyzeCall stream = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW));
        for (int i = 0; i < 3; i++) {
            Thread.sleep(100); // real time: audio keeps the stream alive
            stream.audio(SILENCE_100_MS, 0, 800);
        }
        long lastAudio = System.nanoTime();
        ApiException error = stream.awaitError();
        assertEquals(StatusCode.Code.OUT_OF_RANGE, code(error));
        assertTrue(error.getMessage().contains("Audio Timeout Error: Long duration elapsed without audio. "
                + "Audio should be sent close to real time."), error.getMessage());
        assertTrue(System.nanoTime() - lastAudio >= Duration.ofMillis(300).toNanos(), "timeout counts from the last audio");
    }

    @Test
    void injectedFaultsFailTheNextStreams() {
        control.failStreams(Status.Code.UNAVAILABLE, 2);
        for (int i = 0; i < 2; i++) {
            ApiException error = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                    .awaitError();
            assertEquals(StatusCode.Code.UNAVAILABLE, code(error));
        }
        stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).audio(SILENCE_100_MS, 0, 800)
                .halfClose().awaitCompletion();

        List<StreamStats> streams = control.participant(call.customer()).orElseThrow().streams();
        assertEquals(List.of(Status.Code.UNAVAILABLE, Status.Code.UNAVAILABLE, Status.Code.OK),
                streams.stream().map(StreamStats::outcome).toList());
    }

    @Test
    void anInjectedFaultCanStrikeAfterSomeAudio() {
        control.failStreamAfter(Status.Code.ABORTED, Duration.ofMillis(500));
        AnalyzeCall stream = stream().config(call.agent(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW));
        for (int i = 0; i < 10; i++) {
            stream.audio(SILENCE_100_MS, 0, 800);
        }
        assertEquals(StatusCode.Code.ABORTED, code(stream.awaitError()));
        assertEquals(5 * 800, control.participant(call.agent()).orElseThrow().audioBytes());

        stream().config(call.agent(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .audioInChunks(silence(8000), 800).halfClose().awaitCompletion();
    }

    @Test
    void aCancelledStreamIsRecordedAsSuch() {
        AnalyzeCall stream = stream().config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .audio(SILENCE_100_MS, 0, 800);
        ConversationsTest.eventually(() -> control.participant(call.customer()).orElseThrow().audioBytes() == 800);
        stream.cancel();
        ConversationsTest.eventually(() -> control.participant(call.customer()).orElseThrow().streams().get(0)
                .outcome() == Status.Code.CANCELLED);
    }

    private AnalyzeCall stream() {
        return AnalyzeCall.open(df.participants);
    }

    private static void assertInvalid(AnalyzeCall stream) {
        ApiException error = stream.awaitError();
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, code(error), error.getMessage());
    }
}
