package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.log.LogContext;

/** A participant's finish: when it is done, its deadline, and a completion never run by the monitor's holder. */
class ParticipantFinishTest {
    static final int SECOND = ParticipantStreamTest.SECOND;
    static final long S = 1_000_000_000L;

    final ManualTimers timers = new ManualTimers();
    final FakeTransport transport = new FakeTransport();
    final ParticipantCounters counters = new ParticipantCounters();
    /** Drains at twice real time; the last results get 3 s. */
    final ParticipantAudio audio = ParticipantStreamTest.audio(timers, counters);
    final LiveStreams streams = new LiveStreams(null, timers, LogContext.NONE);
    final ParticipantFinish finish = new ParticipantFinish(timers, streams, audio,
            new StreamLog("s", Participant.Role.END_USER, counters, AssistMetrics.NONE),
            ParticipantStreamTest.settings(false).finalResultsTimeout());
    final AtomicInteger deadlines = new AtomicInteger();

    @Test
    void nothingHappensBeforeTheFinishIsAskedFor() {
        assertFalse(finish.requested());
        assertNull(finish.future());
        finish.check(false);
        finish.deadlinePassed();
        assertEquals(0, timers.pending());
    }

    @Test
    void theFutureIsMadeOnceWithADeadlineForTheWaitingAudioAndTheLastResults() {
        audio.received(new byte[10 * SECOND], timers.nanoTime(), 0); // 5 s to drain at twice real time
        CompletableFuture<Void> first = finish.request(deadlines::incrementAndGet);
        assertSame(first, finish.request(deadlines::incrementAndGet));
        assertSame(first, finish.future());
        assertTrue(finish.requested());
        timers.advance(8 * S - 1);
        assertEquals(0, deadlines.get(), "one deadline, the first request's");
        timers.advance(1);
        assertEquals(1, deadlines.get());
        finish.deadlinePassed();
        timers.runDue();
        assertTrue(first.isDone(), "the deadline completes it whatever still waits");
    }

    @Test
    void itIsDoneOnceNoResultIsToComeAndNoWaitingAudioCanGo() {
        CompletableFuture<Void> future = finish.request(deadlines::incrementAndGet);
        StreamAttempt attempt = streams.open(transport);
        finish.check(true);
        streams.halfCloseCurrent();
        finish.check(true);
        timers.runDue();
        assertFalse(future.isDone(), "the half-closed stream's last results are still to come");
        streams.ended(attempt);
        audio.received(new byte[SECOND], timers.nanoTime(), 0);
        finish.check(true);
        timers.runDue();
        assertFalse(future.isDone(), "audio waits for the next stream");
        finish.check(false);
        timers.runDue();
        assertTrue(future.isDone(), "no stream will open to take it");
    }

    @Test
    void theCompletionRunsOnTheTimerOutsideTheCallersMonitorAndOnlyOnce() {
        Object monitor = new Object();
        AtomicBoolean underMonitor = new AtomicBoolean(true);
        AtomicInteger completions = new AtomicInteger();
        CompletableFuture<Void> future = finish.request(deadlines::incrementAndGet);
        future.whenComplete((v, e) -> {
            underMonitor.set(Thread.holdsLock(monitor));
            completions.incrementAndGet();
        });
        synchronized (monitor) {
            finish.check(true);
            finish.check(true);
            assertFalse(future.isDone(), "not completed by the caller");
        }
        assertEquals(2, timers.pending(), "the deadline and one completion");
        timers.runDue();
        assertTrue(future.isDone());
        assertFalse(underMonitor.get());
        assertEquals(1, completions.get());
        assertEquals(0, timers.pending(), "completing cancelled the deadline");
        timers.advance(60 * S);
        assertEquals(0, deadlines.get());
    }
}
