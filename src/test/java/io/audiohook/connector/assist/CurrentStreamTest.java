package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.log.LogContext;

/** What is done to a participant's streams, under a clock the test moves and a transport the test answers. */
class CurrentStreamTest {
    static final int SECOND = ParticipantStreamTest.SECOND;

    final ManualTimers timers = new ManualTimers();
    final FakeTransport transport = new FakeTransport();
    final ParticipantCounters counters = new ParticipantCounters();
    final ParticipantAudio audio = ParticipantStreamTest.audio(timers, counters);
    final LiveStreams streams = new LiveStreams(new StreamAttempt.Owner() {
        @Override
        public void onResponse(StreamAttempt attempt, StreamingAnalyzeContentResponse response, long receivedNanos) {
        }

        @Override
        public void onError(StreamAttempt attempt, Throwable error) {
        }

        @Override
        public void onComplete(StreamAttempt attempt) {
        }
    }, timers, LogContext.NONE);
    final List<Long> drainTicks = new ArrayList<>();
    final CurrentStream current = new CurrentStream(streams, audio, RecognizerEncoding.MULAW_8K,
            ParticipantStreamTest.settings(false).streaming(),
            new StreamLog("s", Participant.Role.END_USER, counters, AssistMetrics.NONE), timers, drainTicks::add);

    StreamAttempt opened() {
        assertTrue(current.open(transport, ParticipantStreamTest.TARGET, "fr-FR"));
        return streams.current();
    }

    @Test
    void aNewStreamIsCountedAndConfiguredBeforeAnyAudio() {
        audio.received(new byte[SECOND], timers.nanoTime(), 0);
        StreamAttempt attempt = opened();
        assertEquals(1, counters.streamsOpened());
        assertEquals(List.of(attempt.call), List.of(transport.last()));
        assertEquals(1, transport.last().requests.size(), "opening sends the configuration only");
        assertEquals("fr-FR", transport.last().config().getAudioConfig().getLanguageCode());
        assertEquals(CurrentStream.Pumped.GOING, current.pump(false));
        assertTrue(transport.last().audioBytes() > 0);
    }

    @Test
    void aStreamThatRefusesItsConfigurationIsCountedButNotPumped() {
        transport.refuseRequests = true;
        assertFalse(current.open(transport, ParticipantStreamTest.TARGET, "fr-FR"));
        assertEquals(1, counters.streamsOpened(), "the call was made: it counts against the quota");
    }

    @Test
    void closedClientsOpenNothing() {
        StreamTransport closed = callbacks -> {
            throw new IllegalStateException("clients closed");
        };
        CurrentStream.NotOpened e = assertThrows(CurrentStream.NotOpened.class,
                () -> current.open(closed, ParticipantStreamTest.TARGET, "fr-FR"));
        assertTrue(e.clientsClosed());
        assertEquals(0, counters.streamsOpened());
        assertTrue(streams.idle());
    }

    @Test
    void aClientThatCannotBeBuiltOpensNothingAndSaysWhy() {
        StreamTransport broken = callbacks -> {
            throw new RuntimeException("no credentials");
        };
        CurrentStream.NotOpened e = assertThrows(CurrentStream.NotOpened.class,
                () -> current.open(broken, ParticipantStreamTest.TARGET, "fr-FR"));
        assertFalse(e.clientsClosed());
        assertTrue(e.getMessage().contains("no credentials"), e.getMessage());
        assertTrue(streams.idle());
    }

    @Test
    void aBacklogGoesAtTheCatchUpRateOnTheDrainTimer() {
        opened();
        audio.received(new byte[10 * SECOND], timers.nanoTime(), 0);
        assertEquals(CurrentStream.Pumped.GOING, current.pump(false));
        long atOnce = transport.last().audioBytes();
        assertTrue(atOnce < 10 * SECOND, "only the burst: " + atOnce);
        timers.advanceMillis(100);
        assertEquals(1, drainTicks.size(), "the rest waits for the drain timer");
        assertTrue(current.drained(drainTicks.get(0)));
        assertFalse(current.drained(drainTicks.get(0)), "a tick counts once");
    }

    @Test
    void aStreamThatNeverBecomesReadyIsAbandonedAndThePoolTold() {
        StreamAttempt attempt = opened();
        transport.last().ready = false;
        audio.received(new byte[SECOND], timers.nanoTime(), 0);
        assertEquals(CurrentStream.Pumped.GOING, current.pump(false), "waiting is normal for a while");
        timers.advanceMillis(5_000);
        assertEquals(CurrentStream.Pumped.STALLED, current.pump(false));
        assertTrue(transport.last().stalled);
        assertTrue(transport.last().cancelled);
        assertNull(streams.current());
        assertFalse(current.failed(attempt, StatusCode.Code.CANCELLED), "its end is not the current stream's");
    }

    @Test
    void whenTheCallClosesAndEverythingWentTheStreamIsHalfClosed() {
        opened();
        audio.received(new byte[SECOND / 10 + 3], timers.nanoTime(), 0);
        assertEquals(CurrentStream.Pumped.GOING, current.pump(false), "a tail shorter than a chunk waits");
        assertFalse(transport.last().halfClosed);
        assertEquals(CurrentStream.Pumped.ALL_SENT, current.pump(true));
        assertEquals(SECOND / 10 + 3, transport.last().audioBytes(), "the tail went too");
        assertTrue(transport.last().halfClosed);
        assertNull(streams.current());
        assertFalse(streams.idle(), "its last results are still to come");
    }

    @Test
    void aStreamIsDueForReplacementAfterAFinalOnlyOnceOldEnoughAndOnlyIfCurrent() {
        StreamAttempt attempt = opened();
        StreamingRecognitionResult fin = StreamingRecognitionResult.newBuilder().setIsFinal(true).build();
        assertFalse(current.finalResult(attempt, fin));
        timers.advanceMillis(90_000);
        assertTrue(current.finalResult(attempt, fin), "recycle-after has passed");
        streams.halfCloseCurrent();
        assertFalse(current.finalResult(attempt, fin), "no longer the current stream");
    }

    @Test
    void onlyARecycleAfterAFinalReplaysTheLookback() {
        StreamAttempt attempt = opened();
        audio.received(new byte[SECOND / 2], timers.nanoTime(), 0);
        current.pump(false);
        assertEquals(0, audio.queued());
        // speech ended 200 ms in: the 300 ms after it go again on the next stream
        current.finalResult(attempt, StreamingRecognitionResult.newBuilder().setIsFinal(true)
                .setSpeechEndOffset(com.google.protobuf.Duration.newBuilder().setNanos(200_000_000)).build());
        current.recycle(true, true);
        assertEquals(3 * SECOND / 10, audio.queued());
        assertTrue(transport.last().halfClosed);
        assertEquals(1, counters.recycles());

        StreamAttempt next = opened();
        audio.received(new byte[SECOND / 2], timers.nanoTime(), 0);
        current.pump(false);
        int queued = audio.queued();
        current.recycle(false, true);
        assertEquals(queued, audio.queued(), "a forced recycle replays nothing");
        assertEquals(2, counters.recycles());
        assertSame(next.call, transport.last());
    }

    @Test
    void onlyTheCurrentStreamsEndStopsThePump() {
        StreamAttempt first = opened();
        streams.halfCloseCurrent();
        StreamAttempt second = opened();
        audio.received(new byte[10 * SECOND], timers.nanoTime(), 0);
        current.pump(false); // the drain timer is set for the rest
        assertFalse(current.failed(first, StatusCode.Code.INTERNAL), "a half-closed stream's error");
        assertSame(second, streams.current());
        timers.advanceMillis(100);
        assertEquals(1, drainTicks.size(), "the pump went on");
        current.drained(drainTicks.get(0));
        current.pump(false);
        assertTrue(current.completed(second), "the service ended the current one unasked");
        assertNull(streams.current());
        assertTrue(streams.idle());
        timers.advanceMillis(1_000);
        assertEquals(1, drainTicks.size(), "nothing more is pumped");
    }

    @Test
    void aStopDropsWhatWaitsAndHalfClosesTheStreamForItsLastResults() {
        opened();
        audio.received(new byte[10 * SECOND], timers.nanoTime(), 0);
        current.pump(false);
        long sent = transport.last().audioBytes();
        current.stop();
        assertEquals(10 * SECOND - sent, counters.bytesDropped(), "what waited is counted as dropped");
        assertEquals(0, audio.queued());
        assertTrue(transport.last().halfClosed);
        assertNull(streams.current());
        timers.advanceMillis(1_000);
        assertEquals(List.of(), drainTicks, "nothing more is pumped");
    }
}
