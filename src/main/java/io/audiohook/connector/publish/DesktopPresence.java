package io.audiohook.connector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;

/**
 * Whether a desktop has joined a conversation: the UI connector sets the conversation's key when one does. One
 * shared timer asks everyone who waits for desktops (the publisher's held events, calls started paused) which keys
 * they wait for, and looks for all of them with one {@code MGET} per 256 keys; a slow Redis never piles up rounds.
 */
@Singleton
public class DesktopPresence {
    private static final Logger LOG = Logger.getLogger(DesktopPresence.class);
    static final int MGET_CHUNK = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Someone waiting for desktops. Called on the timer's event loop; must not block. */
    public interface Watcher {
        /** Every tick: whatever else is due, and the keys (conversation names without location) waited for now. */
        Collection<String> waitingFor();

        /** The key exists: a desktop has joined that conversation. */
        void joined(String key);
    }

    private final ReactiveRedisDataSource redis;
    private final RedisStatus status;
    private final Vertx vertx;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger roundsInFlight = new AtomicInteger();
    private final long timer;

    DesktopPresence(ReactiveRedisDataSource redis, RedisStatus status, PublishSettings settings, Vertx vertx) {
        this.redis = redis;
        this.status = status;
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(Math.max(10, settings.outbox().pollInterval().toMillis()), id -> tick());
    }

    public void watch(Watcher watcher) {
        watchers.add(watcher);
    }

    void tick() {
        Set<String> keys = new LinkedHashSet<>();
        for (Watcher w : watchers) {
            try {
                keys.addAll(w.waitingFor());
            } catch (RuntimeException e) {
                LOG.warnf("a desktop watcher failed: %s", e.toString());
            }
        }
        if (keys.isEmpty() || roundsInFlight.get() > 0) {
            return;
        }
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += MGET_CHUNK) {
            look(all.subList(from, Math.min(all.size(), from + MGET_CHUNK)));
        }
    }

    private void look(List<String> keys) {
        roundsInFlight.incrementAndGet();
        redis.execute(Command.MGET, keys.toArray(String[]::new)).ifNoItem().after(TIMEOUT).fail().subscribe()
                .with(reply -> {
                    roundsInFlight.decrementAndGet();
                    status.succeeded();
                    for (int i = 0; i < keys.size(); i++) {
                        if (reply.get(i) != null) {
                            String key = keys.get(i);
                            LOG.debugf("a desktop joined %s", key);
                            watchers.forEach(w -> w.joined(key));
                        }
                    }
                }, error -> {
                    roundsInFlight.decrementAndGet();
                    status.failed(error);
                    LOG.debugf("cannot look for joined desktops: %s", error.toString());
                });
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(timer);
    }
}
