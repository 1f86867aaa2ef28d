package io.audiohook.connector.publish;

import static io.audiohook.connector.testkit.TestCalls.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.RedisServerResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The shared desktop poll against a real Redis: every watcher hears, a failing one harms no other, outages are told. */
@QuarkusTest
class DesktopPresenceTest extends ConnectorTest {
    @Inject
    DesktopPresence presence;
    @Inject
    RedisDataSource redis;

    /** Waits for the given keys and remembers what it heard. */
    static final class Recording implements DesktopPresence.Watcher {
        final Set<String> keys;
        final Set<String> joined = ConcurrentHashMap.newKeySet();
        final AtomicInteger failures = new AtomicInteger();

        Recording(Set<String> keys) {
            this.keys = keys;
        }

        @Override
        public Collection<String> waitingFor() {
            return keys;
        }

        @Override
        public void joined(String key) {
            joined.add(key);
        }

        @Override
        public void lookupFailed(Throwable error) {
            failures.incrementAndGet();
        }
    }

    @Test
    void everyWatcherHearsOfItsDesktopEvenBesideOneThatThrows() {
        String key = "projects/emulated-project/conversations/a" + UUID.randomUUID();
        DesktopPresence.Watcher throwing = new DesktopPresence.Watcher() {
            @Override
            public Collection<String> waitingFor() {
                return List.of(key);
            }

            @Override
            public void joined(String joined) {
                throw new IllegalStateException("a broken watcher");
            }
        };
        Recording recording = new Recording(Set.of(key));
        presence.watch(throwing);
        presence.watch(recording);
        try {
            redis.value(String.class).set(key, "ui-connector-instance-1");
            eventually("the desktop was seen", Duration.ofSeconds(5), () -> recording.joined.contains(key));
        } finally {
            presence.unwatch(throwing);
            presence.unwatch(recording);
            redis.key().del(key);
        }
    }

    @Test
    void aRedisOutageIsToldToTheWatchers() {
        Recording recording = new Recording(Set.of("projects/emulated-project/conversations/a" + UUID.randomUUID()));
        presence.watch(recording);
        RedisServerResource.stop(redisPort);
        try {
            eventually("the failed lookup was told", Duration.ofSeconds(15), () -> recording.failures.get() > 0);
        } finally {
            RedisServerResource.restart(redisPort);
            presence.unwatch(recording);
        }
        assertTrue(recording.joined.isEmpty());
    }
}
