package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.retry.Backoff;
import io.grpc.Status;

/** The participant state machine under a clock the test moves, against a transport the test answers. */
class ParticipantStreamTest {
    static final int SECOND = 8000; // µ-law bytes per second of one channel
    static final StreamTarget TARGET = new StreamTarget("projects/p/locations/l/conversations/c",
            "projects/p/locations/l/conversations/c/participants/u", "projects/p/locations/l/conversations/c/participants/a",
            "projects/p/locations/l/conversations/c/participants/u", "fr-FR", "en-US", Optional.of("latest_long"), true);

    final ManualTimers timers = new ManualTimers();
    final FakeTransport transport = new FakeTransport();
    final List<AssistEvent> events = new ArrayList<>();
    final CallWarnings warnings = new CallWarnings();
    final List<String> refusedLanguages = new ArrayList<>();
    /** What the stream reported to the metrics as dropped audio, in seconds. */
    final List<Double> droppedSeconds = new ArrayList<>();
    final AssistMetrics metrics = new AssistMetrics() {
        @Override
        public void audioDropped(double seconds) {
            droppedSeconds.add(seconds);
        }
    };

    static AssistSettings settings(boolean extended) {
        return new AssistSettings(ProfileName.parse("projects/p/locations/l/conversationProfiles/x"), Optional.empty(),
                RecognizerEncoding.MULAW_8K,
                new AssistSettings.Streaming(Duration.ofMillis(100), 2.0, extended, StreamLimits.defaults(extended),
                        Duration.ofSeconds(3), Duration.ofSeconds(5)),
                new AssistSettings.Retry(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2, () -> 0.5),
                        new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 2.0, 0.2, () -> 0.5),
                        Duration.ofSeconds(10)),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofMinutes(5), 100, AssistSettings.Summary.OFF);
    }

    /** A participant's audio as its stream keeps it, for the tests of the stream's parts. */
    static ParticipantAudio audio(ManualTimers timers, ParticipantCounters counters) {
        return new ParticipantAudio(SampleFormat.PCMU, RecognizerEncoding.MULAW_8K, settings(false), counters,
                AssistRuntime.Latencies.create(), timers.nanoTime());
    }

    ParticipantStream stream(boolean extended) {
        return new ParticipantStream("s", Participant.Role.END_USER, SampleFormat.PCMU, RecognizerEncoding.MULAW_8K,
                new StreamServices(settings(extended), timers, transport, events::add, refusedLanguages::add,
                        AssistRuntime.Latencies.create(metrics)),
                warnings, new LogContext("s", "c", "r"));
    }

    ParticipantStream started() {
        ParticipantStream stream = stream(false);
        stream.start(TARGET);
        assertEquals(ParticipantState.OPENING, stream.state(), "streams open on the timer, not the caller");
        assertEquals(0, transport.calls.size());
        timers.runDue();
        assertEquals(ParticipantState.STREAMING, stream.state());
        return stream;
    }

    /** {@code millis} of audio arriving in 100 ms frames over that much time. */
    void speak(ParticipantStream stream, int millis) {
        for (int t = 0; t < millis; t += 100) {
            stream.audio(new byte[SECOND / 10], 0, timers.nanoTime());
            timers.advanceMillis(100);
        }
    }

    @Test
    void theFirstRequestConfiguresTheStreamAndAudioFollowsInChunks() {
        ParticipantStream stream = started();
        StreamingAnalyzeContentRequest config = transport.last().config();
        assertEquals(TARGET.participantName(), config.getParticipant());
        assertEquals(AudioEncoding.AUDIO_ENCODING_MULAW, config.getAudioConfig().getAudioEncoding());
        assertEquals(8000, config.getAudioConfig().getSampleRateHertz());
        assertEquals("fr-FR", config.getAudioConfig().getLanguageCode());
        assertEquals("latest_long", config.getAudioConfig().getModel());
        assertTrue(config.getOutputMultipleUtterances());
        assertFalse(config.getEnableExtendedStreaming());
        speak(stream, 1000);
        assertEquals(SECOND, transport.last().audioBytes());
        assertTrue(transport.last().requests.stream().skip(1).allMatch(r -> r.getInputAudio().size() == 800));
    }

    @Test
    void noAudioWaitsForTheNextFrameAfterALookbackOfAnOddLength() {
        ParticipantStream stream = started();
        speak(stream, 500);
        // a final whose speech ended 330 ms in: the 170 ms after it (1 360 bytes) are replayed on the next stream
        transport.last().respond(com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse.newBuilder()
                .setRecognitionResult(com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult.newBuilder()
                        .setIsFinal(true).setTranscript("hello")
                        .setSpeechEndOffset(com.google.protobuf.Duration.newBuilder().setNanos(330_000_000)))
                .build());
        transport.last().fail(Status.Code.UNAVAILABLE, "connection reset");
        timers.advanceMillis(100);
        assertEquals(2, transport.calls.size());
        for (int i = 0; i < 10; i++) {
            stream.audio(new byte[SECOND / 10], 0, timers.nanoTime());
            assertEquals(0, stream.waiting(), "frame " + i + " went out whole");
            timers.advanceMillis(100);
        }
        assertEquals(1360, stream.counters().lookbackReplayed());
        assertTrue(transport.last().requests.stream().skip(1)
                .allMatch(r -> r.getInputAudio().size() >= 800 && r.getInputAudio().size() < 1600));
    }

    @Test
    void extendedStreamingAsksForIt() {
        ParticipantStream stream = stream(true);
        stream.start(TARGET);
        timers.runDue();
        assertTrue(transport.last().config().getEnableExtendedStreaming());
    }

    @Test
    void aBacklogDrainsAtTheCatchUpRate() {
        ParticipantStream stream = stream(false);
        stream.audio(new byte[10 * SECOND], 0, timers.nanoTime()); // 10 s arrive before setup is done
        stream.start(TARGET);
        timers.runDue();
        long atOnce = transport.last().audioBytes();
        assertTrue(atOnce <= SECOND / 2, "only the burst goes at once: " + atOnce);
        timers.advanceMillis(2000);
        long afterTwoSeconds = transport.last().audioBytes();
        assertTrue(afterTwoSeconds <= atOnce + 2 * 2 * SECOND + 800, "2× real time at most: " + afterTwoSeconds);
        assertTrue(afterTwoSeconds >= atOnce + 2 * 2 * SECOND - 1600, "and no slower: " + afterTwoSeconds);
    }

    @Test
    void anExhaustedQuotaIsRetriedAllCallLongWithTheAudioKept() {
        ParticipantStream stream = started();
        for (int i = 0; i < 8; i++) {
            speak(stream, 1000);
            // Dialogflow refuses each new stream as soon as it sees its configuration
            transport.last().fail(Status.Code.RESOURCE_EXHAUSTED, "Quota exceeded for quota metric ...");
            assertEquals(ParticipantState.RESTARTING, stream.state(), "retry " + i);
            int before = transport.calls.size();
            while (transport.calls.size() == before) {
                timers.advanceMillis(100);
            }
        }
        assertEquals(9, transport.calls.size(), "a new stream after every refusal, none given up");
        assertEquals(8, stream.counters().restarts("RESOURCE_EXHAUSTED"));
        assertTrue(warnings.said("wait-RESOURCE_EXHAUSTED"), "said once at WARN");
        // the quota is back: the stream carries the audio kept meanwhile (bounded by 30 s)
        timers.advanceMillis(30_000);
        ParticipantCounters c = stream.counters();
        assertEquals(8 * SECOND, c.bytesReceived());
        assertEquals(c.bytesReceived() + c.lookbackReplayed(), c.bytesSent() + c.bytesDropped() + stream.waiting(),
                "every byte accounted for: " + c);
        assertEquals(0, c.bytesDropped(), c.toString());
        assertEquals(8 * SECOND, transport.last().audioBytes(), "what the refused streams took is replayed");
    }

    @Test
    void quotaWaitsBackOffWithJitterUpToTheirMaximum() {
        ParticipantStream stream = started();
        List<Long> waited = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int before = transport.calls.size();
            transport.last().fail(Status.Code.RESOURCE_EXHAUSTED, "quota");
            long t0 = timers.nanoTime();
            while (transport.calls.size() == before) {
                timers.advanceMillis(100);
            }
            waited.add((timers.nanoTime() - t0) / 1_000_000);
        }
        assertEquals(List.of(2000L, 4000L, 8000L, 16000L, 20000L, 20000L), waited);
        assertEquals(ParticipantState.STREAMING, stream.state());
    }

    @Test
    void aRefusedLanguageFallsBackToTheProfilesOnceThenGivesUp() {
        ParticipantStream stream = started();
        transport.last().fail(Status.Code.INVALID_ARGUMENT, "The requested model is currently not supported for "
                + "language : fr-FR.");
        timers.runDue();
        assertEquals("en-US", transport.last().config().getAudioConfig().getLanguageCode());
        assertEquals(1, stream.counters().languageFallbacks());
        assertEquals(List.of("fr-FR"), refusedLanguages, "told, so later calls are not offered it");
        assertEquals("en-US", stream.language());

        transport.last().fail(Status.Code.INVALID_ARGUMENT, "something else is wrong");
        assertEquals(ParticipantState.STOPPED, stream.state());
        assertEquals(Optional.of("INVALID_ARGUMENT"), stream.counters().gaveUp());
        assertEquals(2, transport.calls.size());
    }

    @Test
    void aCompletedConversationStopsTheParticipant() {
        ParticipantStream stream = started();
        transport.last().fail(Status.Code.FAILED_PRECONDITION, "Conversation has completed.");
        assertEquals(ParticipantState.STOPPED, stream.state());
        speak(stream, 500);
        assertEquals(SECOND / 2, stream.counters().bytesDropped(), "audio after the stop is counted as dropped");
        assertEquals(0.5, droppedSeconds.stream().mapToDouble(Double::doubleValue).sum(), 1e-9, "and reported");
        timers.advanceMillis(60_000);
        assertEquals(1, transport.calls.size());
        try (io.audiohook.connector.web.LogCapture log = io.audiohook.connector.web.LogCapture.start()) {
            stream.end();
            assertEquals(1, log.matching(java.util.logging.Level.WARNING, "0.5 s of the END_USER participant's audio "
                    + "never reached Dialogflow").size(), "the call says its loss at WARN: " + log.lines());
        }
    }

    @Test
    void aStreamThatNeverBecomesReadyIsAbandonedAndTriedAgain() {
        ParticipantStream stream = stream(false);
        stream.start(TARGET);
        timers.runDue();
        FakeTransport.FakeCall stuck = transport.last();
        stuck.ready = false;
        speak(stream, 4900);
        assertEquals(1, transport.calls.size(), "waiting is normal for a while");
        speak(stream, 300);
        assertTrue(stuck.stalled && stuck.cancelled, "told the pool, and cancelled");
        assertEquals(1, stream.counters().stalls());
        assertTrue(warnings.said("stall"));
        timers.advanceMillis(200);
        assertEquals(2, transport.calls.size());
        speak(stream, 1000);
        ParticipantCounters c = stream.counters();
        assertEquals(0, c.bytesDropped(), c.toString());
        assertEquals(c.bytesReceived(), transport.last().audioBytes() + stream.waiting(), "the audio moved over");
    }

    @Test
    void audioThatCameTooFastSlowsTheParticipantToRealTime() {
        ParticipantStream stream = started();
        transport.last().fail(Status.Code.OUT_OF_RANGE,
                "Audio data is being streamed too fast. Please stream audio data approximately at real time.");
        stream.audio(new byte[10 * SECOND], 0, timers.nanoTime());
        timers.advanceMillis(200);
        long start = transport.last().audioBytes();
        timers.advanceMillis(4000);
        long sent = transport.last().audioBytes() - start;
        assertEquals(1, stream.counters().slowdowns());
        assertTrue(sent <= 4 * SECOND + 800, "real time now: " + sent);
    }

    @Test
    void noStreamOpensWhilePaused() {
        ParticipantStream stream = started();
        transport.last().fail(Status.Code.UNAVAILABLE, "connection reset");
        stream.pause();
        timers.advanceMillis(60_000);
        assertEquals(1, transport.calls.size(), "the restart waits for the resume");
        assertEquals(ParticipantState.PAUSED, stream.state());
        stream.resume();
        timers.runDue();
        assertEquals(2, transport.calls.size());
    }

    @Test
    void whatWaitsForTheFinishRunsOutsideTheStreamsMonitor() {
        ParticipantStream stream = started();
        speak(stream, 300);
        java.util.concurrent.atomic.AtomicBoolean underMonitor = new java.util.concurrent.atomic.AtomicBoolean(true);
        stream.finish().whenComplete((v, e) -> underMonitor.set(Thread.holdsLock(stream)));
        assertTrue(transport.last().halfClosed, "everything went: half-closed for the last results");
        transport.last().complete();
        timers.advanceMillis(1);
        assertTrue(stream.finish().isDone());
        assertFalse(underMonitor.get(), "the session's close waits for it and takes its own lock: never under ours");
    }

    @Test
    void pauseHalfClosesTheStream() {
        ParticipantStream stream = started();
        speak(stream, 500);
        stream.pause();
        assertTrue(transport.last().halfClosed);
        timers.advanceMillis(10_000);
        assertEquals(1, transport.calls.size());
        stream.resume();
        timers.runDue();
        assertEquals(2, transport.calls.size());
    }

    @Test
    void theAudioBeforeAPauseEndsItsStreamEvenWhenItIsStillQueued() {
        ParticipantStream stream = stream(false);
        stream.audio(new byte[4 * SECOND], 0, timers.nanoTime()); // 4 s queued before setup: it drains at 2×
        stream.start(TARGET);
        timers.runDue();
        stream.pause();
        assertFalse(transport.last().halfClosed, "the stream waits for the audio from before the pause");
        assertEquals(ParticipantState.STREAMING, stream.state());
        timers.advanceMillis(2500);
        assertTrue(transport.last().halfClosed, "then it is half-closed: the utterance ends at the pause");
        assertEquals(4 * SECOND, transport.last().audioBytes(), "all of it, on the stream it belonged to");
        assertEquals(ParticipantState.PAUSED, stream.state());
        stream.resume();
        timers.runDue();
        assertEquals(2, transport.calls.size());
    }

    @Test
    void aResumeBeforeThePausesCutStillEndsTheStreamThere() {
        ParticipantStream stream = stream(false);
        stream.audio(new byte[4 * SECOND], 0, timers.nanoTime());
        stream.start(TARGET);
        timers.runDue();
        stream.pause();
        timers.advanceMillis(500);
        stream.resume();
        stream.audio(new byte[SECOND], 9 * SECOND, timers.nanoTime()); // after the pause
        timers.advanceMillis(3000);
        assertTrue(transport.calls.get(0).halfClosed, "an utterance never straddles a pause");
        assertEquals(4 * SECOND, transport.calls.get(0).audioBytes());
        assertEquals(2, transport.calls.size());
        assertEquals(SECOND, transport.last().audioBytes(), "what came after the pause is on the next stream");
    }

    @Test
    void aNewLanguageTakesOverAfterTheAudioThatCameBeforeIt() {
        ParticipantStream stream = stream(false);
        stream.audio(new byte[2 * SECOND], 0, timers.nanoTime());
        stream.start(TARGET);
        timers.runDue();
        stream.languageChanged("de-DE");
        stream.audio(new byte[SECOND], 2 * SECOND, timers.nanoTime()); // after the update
        timers.advanceMillis(1200);
        assertTrue(transport.calls.get(0).halfClosed);
        assertEquals(2 * SECOND, transport.calls.get(0).audioBytes(), "only the audio from before the update");
        timers.advanceMillis(1000);
        assertEquals(2, transport.calls.size());
        assertEquals("de-DE", transport.last().config().getAudioConfig().getLanguageCode());
        assertEquals(SECOND, transport.last().audioBytes(), "the audio after the update, in the new language");
    }

    @Test
    void audioFromBeforeAPauseDuringSetupStillGoesOnAStreamOfItsOwn() {
        ParticipantStream stream = stream(false);
        stream.audio(new byte[SECOND], 0, timers.nanoTime());
        stream.pause(); // before setup is done
        stream.start(TARGET);
        timers.advanceMillis(1000);
        assertEquals(1, transport.calls.size(), "a stream opens for what came before the pause, paused or not");
        assertEquals(SECOND, transport.last().audioBytes());
        assertTrue(transport.last().halfClosed);
        assertEquals(ParticipantState.PAUSED, stream.state());
        stream.resume();
        stream.audio(new byte[SECOND / 10], 5 * SECOND, timers.nanoTime());
        timers.advanceMillis(100);
        assertEquals(2, transport.calls.size(), "the audio after the resume starts a new stream");
    }

    @Test
    void aPauseAfterALanguageChangeStillCutsTheAudioBetweenThem() {
        ParticipantStream stream = stream(false);
        stream.audio(new byte[2 * SECOND], 0, timers.nanoTime());
        stream.start(TARGET);
        timers.runDue();
        stream.languageChanged("de-DE");
        stream.audio(new byte[SECOND], 2 * SECOND, timers.nanoTime()); // between the update and the pause
        stream.pause();
        timers.advanceMillis(3000);
        assertEquals(2, transport.calls.size(), "a stream for the audio between the update and the pause");
        assertEquals(2 * SECOND, transport.calls.get(0).audioBytes());
        assertEquals(SECOND, transport.last().audioBytes());
        assertEquals("de-DE", transport.last().config().getAudioConfig().getLanguageCode());
        assertTrue(transport.last().halfClosed, "it ends at the pause too");
        assertEquals(ParticipantState.PAUSED, stream.state());
    }

    @Test
    void theCutFollowsTheHeadWhenTheBoundDropsIt() {
        ParticipantCounters counters = new ParticipantCounters();
        ParticipantAudio audio = audio(timers, counters);
        audio.received(new byte[30 * SECOND], timers.nanoTime(), 0); // the bound: 30 s
        audio.cut();
        audio.received(new byte[SECOND], timers.nanoTime(), 30 * SECOND); // the oldest second goes
        long before = 0;
        int n;
        while ((n = audio.nextChunk(false)) > 0) {
            before += audio.take(n, timers.nanoTime()).size();
        }
        assertTrue(audio.atCut());
        assertEquals(29 * SECOND, before, "what is left of the audio from before the cut, and no more");
        assertEquals(SECOND, audio.queued(), "the audio after the cut waits for the next stream");
    }
}
