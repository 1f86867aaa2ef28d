package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two announcers on two independent Redis clients stand for two instances: each console reads the other's calls,
 * never its own, and an instance that stops announcing leaves the others' consoles when its key expires.
 */
@QuarkusTest
class ConsoleAnnouncementsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    @RedisClientName("peer")
    ReactiveRedisDataSource peerRedis;
    @Inject
    RedisDataSource blocking;
    @Inject
    PublishSettings settings;

    @Test
    void eachInstanceReadsTheOthersCallsAndForgetsAnInstanceGoneQuiet() throws InterruptedException {
        ConsoleAnnouncements one = new ConsoleAnnouncements(redis, settings);
        ConsoleAnnouncements other = new ConsoleAnnouncements(peerRedis, settings);
        String first = "one-" + UUID.randomUUID();
        String second = "other-" + UUID.randomUUID();

        one.announce(first, "[{\"sessionId\":\"s1\"}]", Duration.ofMillis(400)).await().atMost(WAIT);
        other.announce(second, "[]", Duration.ofMinutes(1)).await().atMost(WAIT);

        assertTrue(other.others(second).await().atMost(WAIT).contains("[{\"sessionId\":\"s1\"}]"));
        assertFalse(one.others(first).await().atMost(WAIT).contains("[{\"sessionId\":\"s1\"}]"), "not its own");
        assertTrue(one.others(first).await().atMost(WAIT).contains("[]"));

        Thread.sleep(600); // the first instance stopped announcing: its key expired
        List<String> seen = other.others(second).await().atMost(WAIT);

        assertFalse(seen.contains("[{\"sessionId\":\"s1\"}]"));
        assertFalse(blocking.set(String.class).smembers(settings.keyPrefix() + "console:instances").contains(first),
                "its name is forgotten too");
        assertEquals(List.of(), other.others(second).await().atMost(WAIT).stream()
                .filter(text -> text.contains("s1")).toList());
    }
}
