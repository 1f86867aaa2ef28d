package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.audiohook.connector.assist.ConversationLedger;
import io.audiohook.connector.assist.ConversationLedgerContract;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared ledger keeps the contract on a real redis-server, in real time on Redis' clock; two independent Redis
 * clients stand for two instances. Each test has a key prefix of its own.
 */
@QuarkusTest
class RedisConversationLedgerTest extends ConversationLedgerContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private RedisLane oneLane;
    private RedisLane otherLane;

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    @RedisClientName("peer")
    ReactiveRedisDataSource peerRedis;
    @Inject
    RedisDataSource blocking;

    private ConversationLedger one;
    private ConversationLedger other;
    private String prefix;

    @Override
    protected ConversationLedger one() {
        return one;
    }

    @Override
    protected ConversationLedger other() {
        return other;
    }

    @Override
    protected void pass(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void nothingIsLeftInRedisOnceAConversationIsCompletedOrItsHolderVanished() {
        clear();
        ConversationLedger.Hold done = new ConversationLedger.Hold("c-done", "s1");
        one.hold(done).toCompletableFuture().join();
        one.release(done, ConversationLedger.Release.END).toCompletableFuture().join();
        one.forget("c-done").toCompletableFuture().join();
        ConversationLedger.Hold vanished = new ConversationLedger.Hold("c-vanished", "s2");
        one.hold(vanished).toCompletableFuture().join();
        pass(TERMS.lease().plus(TERMS.grace()).plusMillis(100));
        assertEquals(List.of(), blocking.key().keys(prefix + "ledger:held:*"), "the leases expire with their keys");
        assertEquals(List.of("c-vanished"), other.claimDue(10).toCompletableFuture().join());
        other.forget("c-vanished").toCompletableFuture().join();
        assertEquals(List.of(), blocking.key().keys(prefix + "*"), "nothing under the prefix is left");
    }

    @Override
    protected void clear() {
        prefix = "ledger-test-" + System.nanoTime() + ":";
        closeLanes();
        oneLane = RedisLane.over(redis, "one", TIMEOUT);
        otherLane = RedisLane.over(peerRedis, "other", TIMEOUT);
        one = new RedisConversationLedger(oneLane, prefix, TERMS, TIMEOUT);
        other = new RedisConversationLedger(otherLane, prefix, TERMS, TIMEOUT);
    }

    /** Each lane holds one of its client's pooled connections until closed. */
    @AfterEach
    void closeLanes() {
        if (oneLane != null) {
            oneLane.close();
            otherLane.close();
        }
    }
}
