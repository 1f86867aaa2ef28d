package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ChannelPoolTest {
    final AtomicLong now = new AtomicLong();
    final List<String> opened = new ArrayList<>();
    final List<String> closed = new ArrayList<>();

    ChannelPool<String> pool(int perChannel, int maxChannels) {
        return new ChannelPool<>(perChannel, maxChannels, 60_000_000_000L, now::get, new ChannelPool.Channels<>() {
            @Override
            public String open(int index) {
                opened.add("ch" + index);
                return "ch" + index;
            }

            @Override
            public void close(String channel) {
                closed.add(channel);
            }
        }, Runnable::run); // channels built ahead of need are built at once here
    }

    @Test
    void streamsFillAChannelToItsCapBeforeTheNextOpens() {
        ChannelPool<String> pool = pool(3, 10);
        List<ChannelPool<String>.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            leases.add(pool.acquire());
        }
        assertEquals(List.of("ch0", "ch0", "ch0", "ch1", "ch1", "ch1", "ch2"),
                leases.stream().map(ChannelPool.Lease::channel).toList());
        assertEquals(new ChannelStats(3, 7, 3, 3, 0, 0, 0), pool.stats());
    }

    @Test
    void aFreedSlotIsReusedByTheFullestChannelWithRoom() {
        ChannelPool<String> pool = pool(2, 10);
        ChannelPool<String>.Lease a = pool.acquire();
        pool.acquire();
        ChannelPool<String>.Lease c = pool.acquire();
        a.release();
        a.release(); // at most once
        // ch0 has one stream, ch1 one: either has room; ties go to the first
        assertEquals("ch0", pool.acquire().channel());
        c.release();
        assertEquals(2, pool.stats().streams());
        assertEquals(2, pool.stats().busiest());
    }

    @Test
    void theNextChannelIsBuiltBeforeTheLastSlotIsTaken() {
        ChannelPool<String> pool = pool(8, 10);
        for (int i = 0; i < 6; i++) {
            pool.acquire();
        }
        assertEquals(List.of("ch0"), opened, "six of eight taken: two free");
        pool.acquire(); // one free slot left: fewer than a quarter of a channel
        assertEquals(List.of("ch0", "ch1"), opened, "built ahead, before any stream needs it");
        assertEquals("ch0", pool.acquire().channel(), "streams still fill the first");
        assertEquals("ch1", pool.acquire().channel());
    }

    @Test
    void idleChannelsCloseAfterTheirIdleTimeKeepingOne() {
        ChannelPool<String> pool = pool(1, 10);
        ChannelPool<String>.Lease a = pool.acquire();
        ChannelPool<String>.Lease b = pool.acquire();
        ChannelPool<String>.Lease c = pool.acquire();
        assertEquals(4, pool.stats().channels(), "three in use and one built ahead");
        a.release();
        b.release();
        c.release();
        assertEquals(List.of(), closed, "not before the idle time");
        now.addAndGet(61_000_000_000L);
        pool.acquire();
        assertEquals(3, closed.size(), "the idle channels closed but the one in use: " + closed);
        assertEquals(2, pool.stats().channels(), "the one in use and the next, built ahead");
    }

    @Test
    void beyondTheLastChannelStreamsShareTheLeastLoadedAndAreCounted() {
        ChannelPool<String> pool = pool(1, 2);
        pool.acquire();
        pool.acquire();
        ChannelPool<String>.Lease third = pool.acquire();
        assertEquals(1, pool.stats().overCap());
        assertEquals(2, pool.stats().busiest());
        third.release();
        assertEquals(1, pool.stats().busiest());
    }

    @Test
    void aStallCapsTheChannelAtWhatItCarries() {
        ChannelPool<String> pool = pool(4, 10);
        pool.acquire();
        pool.acquire();
        ChannelPool<String>.Lease stuck = pool.acquire();
        stuck.stalled();
        stuck.release();
        assertEquals("ch1", pool.acquire().channel(), "ch0 carries two, not four");
        assertEquals(1, pool.stats().stalls());
        now.addAndGet(61_000_000_000L);
        assertEquals("ch0", pool.acquire().channel(), "a cap lasts the idle time: a slow start must not shrink it for good");
    }

    @Test
    void aClosedPoolClosesEveryChannelAndRefusesStreams() {
        ChannelPool<String> pool = pool(1, 10);
        pool.acquire();
        pool.acquire();
        pool.close();
        assertEquals(List.of("ch0", "ch1", "ch2"), closed, "the two in use and the one built ahead");
        assertThrows(IllegalStateException.class, pool::acquire);
    }
}
