package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The outboxes' bounds, ordering and accounting without Redis: a manual clock, the writer's outcomes by hand. */
class OutboxesTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final PublishStats stats = new PublishStats(new SimpleMeterRegistry());
    private int ids;

    private Outboxes outboxes(int maxEvents, int maxConversations, long maxBytes, int maxLines) {
        var bounds = new PublishSettings.Outbox(MAX_AGE, maxEvents, maxConversations, maxBytes, 4,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(8));
        var transcript = new PublishSettings.Transcript(true, Duration.ofHours(1), 1000, maxLines);
        return new Outboxes(bounds, transcript, stats, clock::get);
    }

    private Outboxes outboxes() {
        return outboxes(100, 100, 1 << 20, 100);
    }

    private PendingEvent event() {
        Notification n = new Notification(DataType.NEW_MESSAGE, "{\"n\":" + ids + "}", null, null);
        return new PendingEvent(n, Instant.EPOCH, Integer.toString(ids++), clock.get(), clock.get());
    }

    private static TranscriptEntry line(String text) {
        return new TranscriptEntry("", "END_USER", "participants/p", text, "en-US", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), "messages/m", "2026-12-01T00:00:00Z",
                Optional.empty());
    }

    /** Offers {@code n} events to conversation c1; its outbox. */
    private ConversationOutbox fill(Outboxes o, int n) {
        ConversationOutbox box = null;
        for (int i = 0; i < n; i++) {
            box = o.offer("c1", event(), Optional.empty());
        }
        return box;
    }

    private static List<String> messageIds(List<PendingEvent> batch) {
        return batch.stream().map(PendingEvent::messageId).toList();
    }

    @Test
    void batchesGoOutInOrderOneAtATimeAndTheAccountingReturnsToZero() {
        Outboxes o = outboxes();
        ConversationOutbox box = null;
        for (int i = 0; i < 6; i++) {
            box = o.offer("c1", event(), Optional.empty());
        }
        assertNotNull(box);
        assertEquals(6, o.pendingEvents());
        assertTrue(o.pendingBytes() > 6 * 256);

        List<PendingEvent> first = o.nextEvents(box);
        assertEquals(List.of("0", "1", "2", "3"), messageIds(first));
        assertNull(o.nextEvents(box), "one batch per conversation in flight");
        o.eventsPublished(box, first, 1);
        List<PendingEvent> second = o.nextEvents(box);
        assertEquals(List.of("4", "5"), messageIds(second));
        o.eventsPublished(box, second, 1);

        assertEquals(6, stats.published());
        assertEquals(0, o.pendingEvents());
        assertEquals(0, o.pendingBytes());
        o.retireIfIdle(box);
        assertEquals(0, o.conversations());
        assertEquals(0, o.pendingEvents("c1"));
    }

    @Test
    void aFailedBatchReturnsToTheFrontAndWaitsForItsBackoff() {
        Outboxes o = outboxes();
        ConversationOutbox box = o.offer("c1", event(), Optional.empty());
        o.offer("c1", event(), Optional.empty());
        List<PendingEvent> batch = o.nextEvents(box);
        o.offer("c1", event(), Optional.empty());
        o.eventsFailed(box, batch);

        assertNull(o.nextEvents(box), "backing off");
        assertTrue(o.tick().ready().isEmpty(), "not due before its backoff");
        clock.addAndGet(2 * SECOND);
        assertEquals(List.of(box), o.tick().ready());
        assertEquals(List.of("0", "1", "2"), messageIds(o.nextEvents(box)), "nothing overtook the failed batch");
    }

    @Test
    void eventsWithoutADesktopWaitUntilItJoinsAndAreNamedToTheSharedPoll() {
        Outboxes o = outboxes();
        ConversationOutbox box = o.offer("c1", event(), Optional.empty());
        List<PendingEvent> batch = o.nextEvents(box);
        o.eventsWaitForDesktop(box, batch);
        o.offer("c1", event(), Optional.empty());

        assertNull(o.nextEvents(box), "held for the desktop");
        Outboxes.Due due = o.tick();
        assertEquals(List.of(box), due.awaitingDesktop());
        assertTrue(due.ready().isEmpty());

        o.desktopJoined(box);
        List<PendingEvent> delivered = o.nextEvents(box);
        assertEquals(List.of("0", "1"), messageIds(delivered));
        o.eventsPublished(box, delivered, 1);
        Outboxes.Due after = o.tick();
        assertTrue(after.awaitingDesktop().isEmpty());
        assertEquals(List.of(box), after.ready(), "unparked once nothing waits");
        assertTrue(o.tick().ready().isEmpty());
    }

    @Test
    void eventsOlderThanTheMaximumAgeAreDroppedAndCounted() {
        Outboxes o = outboxes();
        ConversationOutbox box = o.offer("c1", event(), Optional.empty());
        o.eventsWaitForDesktop(box, o.nextEvents(box));
        clock.addAndGet(MAX_AGE.toNanos() / 2);
        o.offer("c1", event(), Optional.empty());
        clock.addAndGet(MAX_AGE.toNanos() / 2 + SECOND);

        o.tick();
        assertEquals(1, stats.dropped(DropReason.AGE));
        assertEquals(1, o.pendingEvents());
        clock.addAndGet(MAX_AGE.toNanos());
        Outboxes.Due due = o.tick();
        assertEquals(2, stats.dropped(DropReason.AGE));
        assertEquals(List.of(box), due.ready(), "an emptied outbox is handed back to be retired");
        assertTrue(due.awaitingDesktop().isEmpty());
        o.retireIfIdle(box);
        assertEquals(0, o.conversations());
        assertEquals(0, o.pendingBytes());
    }

    @Test
    void aFullConversationDropsItsOldestWaitingEventsButNotTheOneInFlight() {
        Outboxes o = outboxes(3, 100, 1 << 20, 100);
        ConversationOutbox box = o.offer("c1", event(), Optional.empty());
        List<PendingEvent> inFlight = o.nextEvents(box);
        for (int i = 0; i < 4; i++) {
            o.offer("c1", event(), Optional.empty());
        }
        assertEquals(1, stats.dropped(DropReason.COUNT));
        assertEquals(4, o.pendingEvents("c1"), "the bound's worth waiting, and the one out");
        o.eventsPublished(box, inFlight, 1);
        assertEquals(List.of("2", "3", "4"), messageIds(o.nextEvents(box)), "the newest kept");
    }

    @Test
    void anEventOfferedWhileTheWholeBoundIsOutIsKept() {
        Outboxes o = outboxes(4, 100, 1 << 20, 100);
        ConversationOutbox box = fill(o, 4);
        List<PendingEvent> inFlight = o.nextEvents(box);
        assertEquals(4, inFlight.size());
        o.offer("c1", event(), Optional.empty()); // the call's completion, say, while Redis has the rest

        assertEquals(0, stats.dropped(DropReason.COUNT), "the batch out may yet arrive: nothing older to drop");
        o.eventsPublished(box, inFlight, 1);
        assertEquals(List.of("4"), messageIds(o.nextEvents(box)));
    }

    @Test
    void aBatchThatComesBackIsTrimmedToTheBoundOldestFirst() {
        Outboxes o = outboxes(4, 100, 1 << 20, 100);
        ConversationOutbox box = fill(o, 4);
        List<PendingEvent> failed = o.nextEvents(box);
        o.offer("c1", event(), Optional.empty());
        o.offer("c1", event(), Optional.empty());
        o.eventsFailed(box, failed);

        assertEquals(2, stats.dropped(DropReason.COUNT));
        assertEquals(4, o.pendingEvents());
        clock.addAndGet(2 * SECOND);
        List<PendingEvent> retried = o.nextEvents(box);
        assertEquals(List.of("2", "3", "4", "5"), messageIds(retried));
        o.eventsWaitForDesktop(box, retried);
        o.offer("c1", event(), Optional.empty());
        assertEquals(3, stats.dropped(DropReason.COUNT), "held for the desktop: the bound again, oldest first");
        o.desktopJoined(box);
        assertEquals(List.of("3", "4", "5", "6"), messageIds(o.nextEvents(box)));
    }

    @Test
    void tooManyConversationsOrTooManyBytesDropTheNewcomerAndCountIt() {
        Outboxes few = outboxes(100, 2, 1 << 20, 100);
        few.offer("c1", event(), Optional.empty());
        few.offer("c2", event(), Optional.empty());
        assertNull(few.offer("c3", event(), Optional.of(line("hello"))));
        assertEquals(2, stats.dropped(DropReason.CONVERSATIONS), "the event and its line");
        assertNotNull(few.offer("c1", event(), Optional.empty()), "known conversations still queue");

        Outboxes small = outboxes(100, 100, 3 * 300, 100);
        ConversationOutbox box = small.offer("c1", event(), Optional.empty());
        small.offer("c1", event(), Optional.empty());
        small.offer("c1", event(), Optional.empty());
        assertNull(small.offer("c1", event(), Optional.empty()));
        assertNull(small.offer("c9", event(), Optional.empty()));
        assertEquals(2, stats.dropped(DropReason.MEMORY));
        assertEquals(1, small.conversations(), "a refused newcomer leaves no empty outbox behind");
        small.eventsPublished(box, small.nextEvents(box), 1);
        assertSame(box, small.offer("c1", event(), Optional.empty()), "room again once Redis took them");
    }

    @Test
    void transcriptLinesWaitOnlyForRedisAndTheirOwnBound() {
        Outboxes o = outboxes(100, 100, 1 << 20, 2);
        ConversationOutbox box = o.offer("c1", event(), Optional.of(line("one")));
        o.eventsWaitForDesktop(box, o.nextEvents(box));
        o.offer("c1", event(), Optional.of(line("two")));
        o.offer("c1", event(), Optional.of(line("three")));
        assertEquals(1, stats.dropped(DropReason.TRANSCRIPT), "the oldest waiting line beyond the bound");

        List<TranscriptRecord> lines = o.nextLines(box, 32);
        assertEquals(List.of("two", "three"), lines.stream().map(l -> ((TranscriptEntry) l).text()).toList(),
                "lines do not wait for the desktop");
        o.linesFailed(box, lines);
        assertNull(o.nextLines(box, 32), "backing off");
        clock.addAndGet(2 * SECOND);
        assertTrue(o.tick().ready().contains(box));
        List<TranscriptRecord> retried = o.nextLines(box, 32);
        o.linesWritten(box, retried);
        assertEquals(2, stats.transcriptLines());
        assertEquals(3 * event().bytes(), o.pendingBytes(), "only the three held events remain");
    }
}
