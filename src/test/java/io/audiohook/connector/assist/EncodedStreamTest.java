package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.protobuf.util.Durations;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.log.LogContext;
import io.grpc.Status;

/**
 * One participant sent as each recognizer encoding, under a clock the test moves: what the configuration declares,
 * how much a chunk, a look-back and the backlog's bound hold, and where results land on the AudioHook timeline.
 */
class EncodedStreamTest {
    final ManualTimers timers = new ManualTimers();
    final FakeTransport transport = new FakeTransport();
    final List<AssistEvent> events = new ArrayList<>();
    /** Timeline samples (1/8000 s) sent so far: where the next frame sits. */
    long position;

    ParticipantStream started(SampleFormat received, RecognizerEncoding setting) {
        ParticipantStream stream = new ParticipantStream("s", Participant.Role.END_USER, received,
                setting.sentFor(received), new StreamServices(ParticipantStreamTest.settings(false), timers, transport,
                        events::add, language -> {
                        }, AssistRuntime.Latencies.create()),
                new CallWarnings(), LogContext.NONE);
        stream.start(ParticipantStreamTest.TARGET);
        timers.runDue();
        return stream;
    }

    /** {@code millis} of audio in 100 ms frames of {@code received}, in real time, contiguous on the timeline. */
    void speak(ParticipantStream stream, SampleFormat received, int millis) {
        for (int t = 0; t < millis; t += 100) {
            stream.audio(new byte[800 * received.bytesPerSample()], position, timers.nanoTime());
            position += 800;
            timers.advanceMillis(100);
        }
    }

    @Test
    void theConfigurationDeclaresWhatIsSentAndAChunkIsAHundredMillisecondsOfIt() {
        record Case(SampleFormat received, RecognizerEncoding setting, AudioEncoding declared, int rate, int chunk) {
        }
        AudioEncoding mulaw = AudioEncoding.AUDIO_ENCODING_MULAW;
        AudioEncoding linear16 = AudioEncoding.AUDIO_ENCODING_LINEAR_16;
        for (Case c : List.of(new Case(SampleFormat.PCMU, RecognizerEncoding.MULAW_8K, mulaw, 8000, 800),
                new Case(SampleFormat.PCMU, RecognizerEncoding.LINEAR16_8K, linear16, 8000, 1600),
                new Case(SampleFormat.PCMU, RecognizerEncoding.LINEAR16_16K, linear16, 16000, 3200),
                new Case(SampleFormat.L16, RecognizerEncoding.MULAW_8K, linear16, 8000, 1600),
                new Case(SampleFormat.L16, RecognizerEncoding.LINEAR16_16K, linear16, 16000, 3200))) {
            ParticipantStream stream = started(c.received(), c.setting());
            InputAudioConfig config = transport.last().config().getAudioConfig();
            assertEquals(c.declared(), config.getAudioEncoding(), c.toString());
            assertEquals(c.rate(), config.getSampleRateHertz(), c.toString());
            speak(stream, c.received(), 1000);
            assertEquals(10L * c.chunk(), transport.last().audioBytes(), c.toString());
            assertTrue(transport.last().requests.stream().skip(1).allMatch(r -> r.getInputAudio().size() == c.chunk()),
                    c.toString());
            assertEquals(10L * c.chunk(), stream.counters().bytesReceived(), "counted as sent: " + c);
        }
    }

    @Test
    void sixteenKilohertzResultsLandOnTheTimelineAndTheLookBackReplaysTheSameTime() {
        ParticipantStream stream = started(SampleFormat.PCMU, RecognizerEncoding.LINEAR16_16K);
        position = 4000; // the call is half a second in when this stream starts
        speak(stream, SampleFormat.PCMU, 500);
        // an utterance whose one word is 100..330 ms into the stream (Dialogflow times from the stream's start)
        transport.last().respond(finalResult("hello", 100, 330));
        RecognitionResult result = (RecognitionResult) events.get(events.size() - 1);
        assertEquals(4000 + 800, result.placement().start(), "100 ms in is 800 timeline samples in");
        assertEquals(4000 + 2640, result.placement().end());
        assertEquals(4000 + 2640, result.placement().wordEnd(0));

        // the 170 ms after it go again on the next stream: 1 360 timeline samples, 4 bytes each at 16 kHz
        transport.last().fail(Status.Code.UNAVAILABLE, "connection reset");
        timers.advanceMillis(200);
        assertEquals(2, transport.calls.size());
        speak(stream, SampleFormat.PCMU, 300);
        assertEquals(1360 * 4, stream.counters().lookbackReplayed());
        // the new stream's start is where the replayed copy came from, not where it was sent
        transport.last().respond(finalResult("again", 0, 100));
        RecognitionResult replayed = (RecognitionResult) events.get(events.size() - 1);
        assertEquals(4000 + 2640, replayed.placement().start());
        assertEquals(4000 + 2640 + 800, replayed.placement().end());
    }

    @Test
    void theBacklogHoldsThePreSetupBufferOfAudioWhateverItsBytes() {
        ParticipantStream stream = new ParticipantStream("s", Participant.Role.END_USER, SampleFormat.PCMU,
                RecognizerEncoding.LINEAR16_16K, new StreamServices(ParticipantStreamTest.settings(false), timers,
                        transport, events::add, language -> {
                        }, AssistRuntime.Latencies.create()),
                new CallWarnings(), LogContext.NONE);
        // no setup yet: 40 s arrive, the bound (30 s) keeps the newest 30 s, 4 bytes per 1/8000 s
        speak(stream, SampleFormat.PCMU, 40_000);
        assertEquals(30 * 32_000, stream.waiting());
        assertEquals(10 * 32_000, stream.counters().bytesDropped());
    }

    private static StreamingAnalyzeContentResponse finalResult(String word, long startMillis, long endMillis) {
        return StreamingAnalyzeContentResponse.newBuilder().setRecognitionResult(StreamingRecognitionResult.newBuilder()
                .setIsFinal(true).setTranscript(word).setSpeechEndOffset(Durations.fromMillis(endMillis))
                .addSpeechWordInfo(SpeechWordInfo.newBuilder().setWord(word).setStartOffset(Durations.fromMillis(
                        startMillis)).setEndOffset(Durations.fromMillis(endMillis))))
                .build();
    }
}
