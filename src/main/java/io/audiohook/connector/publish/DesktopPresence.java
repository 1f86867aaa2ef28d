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

import io.vertx.core.Vertx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

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

        /** A round of lookups failed: Redis is unreachable or refused. */
        default void lookupFailed(Throwable error) {
        }

        /** A round of lookups was answered. */
        default void lookupAnswered() {
        }
    }

    private final RedisLane redis;
    private final Vertx vertx;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger roundsInFlight = new AtomicInteger();
    private final long intervalMillis;
    /** Started with the first watcher: an instance that never waits for desktops runs no timer. */
    private long timer = -1;

    DesktopPresence(RedisLanes lanes, PublishSettings settings, Vertx vertx) {
        this.redis = lanes.events();
        this.vertx = vertx;
        this.intervalMillis = Math.max(10, settings.outbox().pollInterval().toMillis());
    }

    public synchronized void watch(Watcher watcher) {
        watchers.add(watcher);
        if (timer < 0) {
            timer = vertx.setPeriodic(intervalMillis, id -> tick());
        }
    }

    public void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    void tick() {
        Set<String> keys = new LinkedHashSet<>();
        each(w -> keys.addAll(w.waitingFor()));
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
        Uni<Response> round;
        try {
            round = redis.execute(Command.MGET, keys.toArray(String[]::new));
        } catch (RuntimeException e) {
            failed(e); // a round that never started must not hold back every later one
            return;
        }
        round.ifNoItem().after(TIMEOUT).fail().subscribe().with(reply -> {
            roundsInFlight.decrementAndGet();
            each(Watcher::lookupAnswered);
            for (int i = 0; i < keys.size(); i++) {
                if (reply.get(i) != null) {
                    String key = keys.get(i);
                    LOG.debugf("a desktop joined %s", key);
                    each(w -> w.joined(key));
                }
            }
        }, this::failed);
    }

    private void failed(Throwable error) {
        roundsInFlight.decrementAndGet();
        LOG.debugf("cannot look for joined desktops: %s", error.toString());
        each(w -> w.lookupFailed(error));
    }

    /** One watcher's failure never keeps the others from hearing. */
    private void each(java.util.function.Consumer<Watcher> action) {
        for (Watcher w : watchers) {
            try {
                action.accept(w);
            } catch (RuntimeException e) {
                LOG.warnf("a desktop watcher failed: %s", e.toString());
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
