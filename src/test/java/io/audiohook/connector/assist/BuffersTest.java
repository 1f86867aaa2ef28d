package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/** The bounded buffers and the recorder that the participant streams are built on. */
class BuffersTest {

    /** What a take reported: the frames whose last byte went, and the timeline runs of the bytes. */
    private static final class Took implements AudioBacklog.Taken {
        final List<Long> frames = new ArrayList<>();
        final List<Long> runs = new ArrayList<>();

        @Override
        public void frameSent(long arrivalNanos) {
            frames.add(arrivalNanos);
        }

        @Override
        public void run(long position, int samples) {
            runs.add(position);
            runs.add((long) samples);
        }
    }

    @Test
    void backlogDropsTheOldestBeyondItsBoundAndReportsEachFrameOnce() {
        AudioBacklog backlog = new AudioBacklog(5, 1);
        assertEquals(0, backlog.add(new byte[] { 1, 2, 3 }, 10, 100));
        assertEquals(1, backlog.add(new byte[] { 4, 5, 6 }, 20, 200), "one byte of the oldest frame goes");
        Took took = new Took();
        assertArrayEquals(new byte[] { 2, 3, 4 }, backlog.take(3, took).toByteArray());
        assertEquals(List.of(10L), took.frames, "the first frame is fully sent");
        assertEquals(List.of(101L, 2L, 200L, 1L), took.runs, "the dropped byte moved the first run on the timeline");
        assertArrayEquals(new byte[] { 5, 6 }, backlog.take(800, took).toByteArray());
        assertEquals(List.of(10L, 20L), took.frames);
        assertEquals(List.of(101L, 2L, 200L, 1L, 201L, 2L), took.runs);
        assertEquals(0, backlog.size());
    }

    @Test
    void replayGoesFirstAndIsNotAFrame() {
        AudioBacklog backlog = new AudioBacklog(100, 1);
        backlog.add(new byte[] { 7, 8 }, 1, 50);
        backlog.addFirst(new byte[] { 1, 2, 3 }, new long[] { 10, 1, 40, 2 }); // a gap inside the copies
        assertEquals(3, backlog.replayAtHead());
        Took took = new Took();
        assertArrayEquals(new byte[] { 1, 2, 3, 7 }, backlog.take(4, took).toByteArray());
        assertEquals(List.of(), took.frames);
        assertEquals(List.of(10L, 1L, 40L, 2L, 50L, 1L), took.runs, "each replayed byte keeps its place");
        assertEquals(0, backlog.replayAtHead());
        backlog.addFirst(new byte[] { 1, 2 }, new long[] { 0, 2 });
        assertEquals(1, backlog.clear(), "the replayed copy is not lost audio");
        AudioBacklog small = new AudioBacklog(2, 1);
        small.add(new byte[] { 9 }, 1, 0);
        assertEquals(0, small.addFirst(new byte[] { 1, 2 }, new long[] { 0, 2 }), "overflowing replay drops copies only");
    }

    @Test
    void streamClockPlacesStreamTimeOnTheTimelineAcrossGaps() {
        StreamClock clock = new StreamClock();
        assertEquals(-1, clock.positionOf(0), "nothing carried: nowhere");
        clock.carried(8000, 4000); // stream 0–0.5 s is timeline 1–1.5 s
        clock.carried(12000, 4000); // contiguous: the same run
        clock.carried(40000, 8000); // after a 3.5 s pause
        assertEquals(16000, clock.samples());
        assertEquals(8000, clock.positionOf(0));
        assertEquals(15999, clock.positionOf(7999));
        assertEquals(40000, clock.positionOf(8000), "the first sample after the gap is where the gap ended");
        assertEquals(40000 + 4000, clock.positionOfNanos(1_500_000_000L));
        assertEquals(48000, clock.positionOf(16000), "the end is just after the last sample");
        assertEquals(48000, clock.positionOf(99999), "beyond the end is clamped");
        assertArrayEquals(new long[] { 14000, 2000, 40000, 8000 }, clock.tail(10000));
        assertArrayEquals(new long[] { 46000, 2000 }, clock.tail(2000));
    }

    @Test
    void streamClockForgetsTheOldestRunsBeyondItsBound() {
        StreamClock clock = new StreamClock();
        for (int i = 0; i < 3 * StreamClock.MAX_RUNS; i++) {
            clock.carried(i * 1000L, 10); // every run after a gap
        }
        long last = 3L * StreamClock.MAX_RUNS - 1;
        assertEquals(last * 1000 + 5, clock.positionOf(last * 10 + 5), "recent positions stay exact");
    }

    @Test
    void lookbackRingKeepsTheNewestBytes() {
        LookbackRing ring = new LookbackRing(4);
        ring.write(ByteString.copyFrom(new byte[] { 1, 2, 3 }));
        ring.write(ByteString.copyFrom(new byte[] { 4, 5, 6 }));
        assertArrayEquals(new byte[] { 3, 4, 5, 6 }, ring.tail(10));
        assertArrayEquals(new byte[] { 5, 6 }, ring.tail(2));
        ring.clear();
        assertArrayEquals(new byte[0], ring.tail(2));
        assertArrayEquals(new byte[0], new LookbackRing(0).tail(3));
    }

    @Test
    void lookbackRingKeepsTheNewestBytesAcrossWrapsLikeASimpleModel() {
        java.util.Random random = new java.util.Random(42);
        for (int capacity : new int[] { 1, 7, 800, 24_000 }) {
            LookbackRing ring = new LookbackRing(capacity);
            java.util.ArrayDeque<Byte> model = new java.util.ArrayDeque<>();
            for (int round = 0; round < 300; round++) {
                byte[] chunk = new byte[random.nextInt(2 * capacity + 2)];
                random.nextBytes(chunk);
                ring.write(ByteString.copyFrom(chunk));
                for (byte b : chunk) {
                    model.addLast(b);
                    if (model.size() > capacity) {
                        model.removeFirst();
                    }
                }
                int asked = random.nextInt(capacity + 3);
                byte[] expected = new byte[Math.min(asked, model.size())];
                java.util.Iterator<Byte> newest = model.descendingIterator();
                for (int i = expected.length - 1; i >= 0; i--) {
                    expected[i] = newest.next();
                }
                assertArrayEquals(expected, ring.tail(asked), "capacity " + capacity + ", round " + round);
            }
        }
    }

    @Test
    void histogramPercentilesAreWithinAnEighth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 10_000L);
        }
        long p50 = h.percentile(0.5).toNanos() / 1000;
        long p99 = h.percentile(0.99).toNanos() / 1000;
        assertTrue(p50 >= 5000 && p50 <= 5000 * 9 / 8 + 1, "p50 " + p50);
        assertTrue(p99 >= 9900 && p99 <= 9900 * 9 / 8 + 1, "p99 " + p99);
        LatencyHistogram before = h.snapshot();
        h.record(Duration.ofSeconds(2).toNanos());
        LatencyHistogram after = h.since(before);
        assertEquals(1, after.count());
        assertTrue(after.percentile(0.5).compareTo(Duration.ofSeconds(2)) >= 0);
        for (int i = 0; i < 200; i++) {
            assertTrue(LatencyHistogram.upperMicros(LatencyHistogram.index(i * 37L)) >= i * 37L);
        }
    }

    @Test
    void profileNameGivesParentConversationAndRegionalEndpoint() {
        ProfileName p = ProfileName.parse("projects/p1/locations/europe-west2/conversationProfiles/x");
        assertEquals("projects/p1/locations/europe-west2", p.parent());
        assertEquals("projects/p1/locations/europe-west2/conversations/a0f3", p.conversationName("0f3"));
        assertEquals("europe-west2-dialogflow.googleapis.com:443", DialogflowEndpoint.google(p).target());
        assertEquals("dialogflow.googleapis.com:443",
                ProfileName.parse("projects/p1/locations/global/conversationProfiles/x").regionalEndpoint());
        assertThrows(IllegalArgumentException.class, () -> ProfileName.parse("projects/p1/conversationProfiles/x"));
    }
}
