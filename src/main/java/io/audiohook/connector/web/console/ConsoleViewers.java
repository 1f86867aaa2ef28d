package io.audiohook.connector.web.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.audiohook.connector.console.CallProbe;
import io.audiohook.connector.console.CallSummary;
import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.console.ConsoleMessages;
import io.audiohook.connector.console.Viewer;
import io.audiohook.connector.publish.ConsoleAnnouncements;
import io.audiohook.connector.publish.RedisUse;
import io.audiohook.connector.web.LiveSessions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * The console's viewers over Server-Sent Events: each gets every call's state on each tick, then what waited for it,
 * as much as its connection asks for (a viewer whose connection does not keep up falls behind in its own bounded
 * queue, and is told to catch up). Two Vert.x timers for all of them: the tick, which shares this instance's calls
 * and, while someone watches, renders every call's state once for all viewers; and the delivery, which hands each
 * viewer what waits for it.
 */
@ApplicationScoped
public class ConsoleViewers {
    private static final Logger LOG = Logger.getLogger(ConsoleViewers.class);
    /** Messages handed to one viewer per delivery at most: the rest waits (bounded) for the next. */
    private static final int PER_TICK = 500;
    /** Live calls one instance announces at most. */
    private static final int ANNOUNCED = 500;
    /** An announcement outlives this many ticks: an instance that stopped is gone from the consoles after it. */
    private static final int ANNOUNCEMENT_TICKS = 5;
    /**
     * How soon a watched call's events reach its viewers: often enough that a line being said reads as live, while
     * every call's state still goes only once per tick.
     */
    private static final long DELIVERY_MILLIS = 200;

    @Inject
    Vertx vertx;
    @Inject
    ConsoleBoard board;
    @Inject
    CallProbe probe;
    @Inject
    LiveSessions sessions;
    @Inject
    MeterRegistry meters;
    @Inject
    RedisUse redis;
    @Inject
    Instance<ConsoleAnnouncements> announcements;

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** The other instances' calls, as last read from Redis (the tick never waits for Redis). */
    private volatile List<CallSummary> remote = List.of();
    private long timer = -1;
    private long delivery = -1;

    void start(@Observes StartupEvent event) {
        if (!board.settings().enabled()) {
            return;
        }
        timer = vertx.setPeriodic(board.settings().tick().toMillis(), id -> tick());
        delivery = vertx.setPeriodic(DELIVERY_MILLIS, id -> connections.forEach(this::deliver));
        Gauge.builder("audiohook.console.viewers", board.viewers(), v -> v.count())
                .description("browsers watching the console").register(meters);
        FunctionCounter.builder("audiohook.console.dropped", board.viewers(), v -> v.dropped())
                .description("console messages dropped for viewers that fell behind").register(meters);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(delivery);
        }
        connections.forEach(connection -> connection.emitter.complete());
    }

    /**
     * A viewer's stream. The viewer joins when the stream is subscribed (a request given up before that leaves
     * nothing behind); one who comes when as many as allowed watch (the filter answered 503 to those it saw) is told
     * so, and the stream ends cleanly.
     */
    Multi<String> join(Optional<String> selected) {
        return Multi.createFrom().emitter(emitter -> {
            Optional<Viewer> joined = board.viewers().join(selected);
            if (joined.isEmpty()) {
                emitter.emit(ConsoleMessages.full());
                emitter.complete();
                return;
            }
            Connection connection = new Connection(joined.get(), emitter);
            connections.add(connection);
            emitter.onTermination(() -> {
                connections.remove(connection);
                board.viewers().leave(connection.viewer);
            });
            // each message goes as soon as the connection asks for the next: at the network's pace, never faster
            emitter.onRequest(asked -> connection.send());
            connection.viewer.offer(calls());
            connection.viewer.selected().flatMap(board::call)
                    .ifPresent(call -> connection.viewer.offer(ConsoleMessages.call(call)));
        });
    }

    private void tick() {
        if (!redis.publishing() && connections.isEmpty()) {
            return;
        }
        List<CallSummary> local = local();
        if (redis.publishing()) {
            share(local);
        }
        if (connections.isEmpty()) {
            return;
        }
        board.viewers().broadcast(calls(local));
    }

    /**
     * Tells the other instances' consoles what this one holds (even while nobody watches here), and, while someone
     * does, reads what they hold for the next tick. A failing Redis only leaves the other instances out.
     */
    private void share(List<CallSummary> local) {
        ConsoleAnnouncements redis = announcements.get();
        String self = board.settings().instanceId();
        List<CallSummary> live = local.stream().filter(c -> !"ended".equals(c.state())).limit(ANNOUNCED).toList();
        redis.announce(self, ConsoleMessages.announcement(live),
                board.settings().tick().multipliedBy(ANNOUNCEMENT_TICKS)).subscribe().with(ok -> {
                }, failure -> LOG.debugf("console announcement failed: %s", failure.toString()));
        if (!connections.isEmpty()) {
            redis.others(self).subscribe().with(texts -> remote = texts.stream()
                    .flatMap(text -> ConsoleMessages.announced(text).stream()).toList(),
                    failure -> LOG.debugf("console announcements not read: %s", failure.toString()));
        }
    }

    private void deliver(Connection connection) {
        if (connection.emitter.isCancelled()) {
            return;
        }
        Viewer viewer = connection.viewer;
        if (viewer.takeLag()) {
            synchronized (connection) {
                viewer.drain(Integer.MAX_VALUE); // what it missed comes whole instead
                viewer.offer(ConsoleMessages.resync());
                viewer.selected().flatMap(board::call).ifPresent(call -> viewer.offer(ConsoleMessages.call(call)));
                viewer.offer(calls());
            }
        }
        connection.send();
    }

    /** One viewer's SSE stream. */
    private static final class Connection {
        final Viewer viewer;
        final MultiEmitter<? super String> emitter;
        /** Guarded by this. */
        private boolean sending;

        Connection(Viewer viewer, MultiEmitter<? super String> emitter) {
            this.viewer = viewer;
            this.emitter = emitter;
        }

        /**
         * What waits for the viewer, as much as its connection asks for, oldest first. Under this connection's lock,
         * so the delivery timer and the connection's requests never interleave; and not re-entered: a request made
         * while a message is being emitted (the write may complete at once) is served by the loop already running,
         * after the messages it holds, never before them.
         */
        synchronized void send() {
            if (sending) {
                return;
            }
            sending = true;
            try {
                int budget = PER_TICK;
                long asked;
                while (budget > 0 && (asked = emitter.requested()) > 0) {
                    List<String> batch = viewer.drain((int) Math.min(budget, asked));
                    if (batch.isEmpty()) {
                        return;
                    }
                    budget -= batch.size();
                    for (String message : batch) {
                        emitter.emit(message);
                    }
                }
            } finally {
                sending = false;
            }
        }
    }

    private List<CallSummary> local() {
        return ConsoleSummaries.of(board, probe, List.copyOf(sessions.sessions()), ConsoleSummaries.now());
    }

    private String calls() {
        return calls(local());
    }

    private String calls(List<CallSummary> local) {
        List<CallSummary> all = new ArrayList<>(local);
        all.addAll(remote);
        return ConsoleMessages.calls(board.settings().instanceId(), all, board.viewers().count());
    }
}
