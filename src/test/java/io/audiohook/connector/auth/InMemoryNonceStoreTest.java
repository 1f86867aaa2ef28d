package io.audiohook.connector.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryNonceStoreTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

    private final MutableClock clock = new MutableClock(T0);

    private static boolean claim(NonceStore store, String key, String nonce, Instant until) {
        return store.claim(key, nonce, until).toCompletableFuture().join();
    }

    @Test
    void replayIsDetected() {
        InMemoryNonceStore store = new InMemoryNonceStore(10, clock);
        Instant until = T0.plusSeconds(13);
        assertTrue(claim(store, "k1", "nonce-a", until));
        assertFalse(claim(store, "k1", "nonce-a", until));
        assertTrue(claim(store, "k1", "nonce-b", until));
        assertTrue(claim(store, "k2", "nonce-a", until), "nonces are namespaced per key");
    }

    @Test
    void nonceIsReusableOnlyAfterUntil() {
        InMemoryNonceStore store = new InMemoryNonceStore(10, clock);
        Instant until = T0.plusSeconds(13);
        assertTrue(claim(store, "k", "n", until));
        clock.advance(Duration.ofSeconds(13));
        assertFalse(claim(store, "k", "n", until), "still remembered at exactly 'until'");
        clock.advance(Duration.ofMillis(1));
        assertTrue(claim(store, "k", "n", T0.plusSeconds(30)));
        assertFalse(claim(store, "k", "n", T0.plusSeconds(30)));
    }

    @Test
    void expiredEntriesArePurged() {
        InMemoryNonceStore store = new InMemoryNonceStore(1000, clock);
        for (int i = 0; i < 500; i++) {
            assertTrue(claim(store, "k", "n" + i, T0.plusSeconds(10)));
        }
        assertEquals(500, store.size());
        clock.advance(Duration.ofSeconds(11));
        assertTrue(claim(store, "k", "fresh", T0.plusSeconds(30)));
        assertEquals(1, store.size());
    }

    @Test
    void fullStoreFailsClosedAndCounts() {
        InMemoryNonceStore store = new InMemoryNonceStore(3, clock);
        Instant until = T0.plusSeconds(10);
        for (String n : List.of("a", "b", "c")) {
            assertTrue(claim(store, "k", n, until));
        }
        CompletionException e = assertThrows(CompletionException.class, () -> claim(store, "k", "d", until));
        assertInstanceOf(NonceStoreFullException.class, e.getCause());
        assertEquals(1, store.rejectedFull());
        // A replay is still reported as a replay, not as "full".
        assertFalse(claim(store, "k", "a", until));
        assertEquals(1, store.rejectedFull());

        clock.advance(Duration.ofSeconds(11));
        assertTrue(claim(store, "k", "d", T0.plusSeconds(30)));
        assertEquals(1, store.rejectedFull());
    }

    @Test
    void fullStoreSweepsEntriesStuckBehindALongLivedHead() {
        InMemoryNonceStore store = new InMemoryNonceStore(3, clock);
        assertTrue(claim(store, "k", "long", T0.plusSeconds(60)));
        assertTrue(claim(store, "k", "short1", T0.plusSeconds(5)));
        assertTrue(claim(store, "k", "short2", T0.plusSeconds(5)));
        clock.advance(Duration.ofSeconds(6));
        assertTrue(claim(store, "k", "new", T0.plusSeconds(20)));
        assertEquals(2, store.size());
        assertEquals(0, store.rejectedFull());
        assertFalse(claim(store, "k", "long", T0.plusSeconds(60)));
    }

    @Test
    void concurrentClaimsOfTheSameNonceHaveExactlyOneWinner() throws Exception {
        InMemoryNonceStore store = new InMemoryNonceStore(100_000, clock);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                String nonce = "nonce-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return claim(store, "k", nonce, T0.plusSeconds(13));
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    if (f.get(10, TimeUnit.SECONDS)) {
                        winners++;
                    }
                }
                assertEquals(1, winners, nonce);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsNonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryNonceStore(0));
    }
}
