package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;

/**
 * Two stores on two independent Redis clients stand for two connector instances: a nonce claimed by one is
 * seen by the other, and Redis forgets it at {@code until}.
 */
@QuarkusTest
class RedisNonceStoreTest {
    static final String PREFIX = "audiohook";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    @RedisClientName("peer")
    ReactiveRedisDataSource peerRedis;

    @Inject
    RedisDataSource blocking;

    @Inject
    RedisLanes lanes;

    RedisLane peerLane;

    @BeforeEach
    void openPeerLane() {
        peerLane = RedisLane.over(peerRedis, "peer", TIMEOUT);
    }

    /** A lane holds one of its client's pooled connections until closed. */
    @AfterEach
    void closePeerLane() {
        peerLane.close();
    }

    @Test
    void aNonceClaimedOnOneInstanceIsAReplayOnTheOther() {
        RedisNonceStore one = new RedisNonceStore(lanes.calls(), PREFIX, TIMEOUT);
        RedisNonceStore other = new RedisNonceStore(peerLane, PREFIX, TIMEOUT);
        String nonce = UUID.randomUUID().toString();
        Instant until = Instant.now().plusSeconds(30);

        assertTrue(claim(one, "sha256:aaaaaaaaaaaa", nonce, until), "first use");
        assertFalse(claim(other, "sha256:aaaaaaaaaaaa", nonce, until), "replayed on the other instance");
        assertFalse(claim(one, "sha256:aaaaaaaaaaaa", nonce, until), "replayed on the same instance");
        assertTrue(claim(other, "sha256:bbbbbbbbbbbb", nonce, until), "another key's nonces are its own");
    }

    @Test
    void theKeyExpiresAtUntil() {
        RedisNonceStore store = new RedisNonceStore(lanes.calls(), PREFIX, TIMEOUT);
        String nonce = UUID.randomUUID().toString();
        String key = store.key("sha256:cccccccccccc", nonce);
        assertEquals("audiohook:nonce:sha256:cccccccccccc:" + nonce, key);

        assertTrue(claim(store, "sha256:cccccccccccc", nonce, Instant.now().plusMillis(500)));
        assertEquals("1", blocking.value(String.class).get(key));
        long ttl = blocking.key().pttl(key);
        assertTrue(ttl > 0 && ttl <= 500, "PTTL " + ttl);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (blocking.value(String.class).get(key) != null && System.nanoTime() < deadline) {
            TestCalls.sleep(Duration.ofMillis(50));
        }
        assertNull(blocking.value(String.class).get(key), "Redis forgot it");
        assertTrue(claim(store, "sha256:cccccccccccc", nonce, Instant.now().plusSeconds(10)), "usable again once expired");
    }

    @Test
    void aNonceWhoseWindowHasPassedIsStillAnswered() {
        RedisNonceStore store = new RedisNonceStore(lanes.calls(), PREFIX, TIMEOUT);
        String nonce = UUID.randomUUID().toString();
        assertTrue(claim(store, "sha256:dddddddddddd", nonce, Instant.now().minusSeconds(5)));
    }

    static boolean claim(RedisNonceStore store, String fingerprint, String nonce, Instant until) {
        try {
            return store.claim(fingerprint, nonce, until).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
