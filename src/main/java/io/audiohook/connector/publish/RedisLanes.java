package io.audiohook.connector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;

/**
 * The two pipelined connections ({@link RedisLane}) the call path uses, so that a call's start never waits behind
 * its events: one for upgrades and calls (signature nonces, the conversation ledger, readiness), one for events
 * (publishing, transcript lines, desktop lookups). The client's pool keeps serving what is not on the call path:
 * the console's and the HTTP API's reads.
 */
@Singleton
public class RedisLanes {
    /** How often a lane looks for a silent connection besides when a command goes out. */
    static final Duration WATCH_PERIOD = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final List<Long> watches = new ArrayList<>();
    private final RedisLane calls;
    private final RedisLane events;

    /** @param silentAfter a lane whose connection answers nothing for this long while commands are out replaces it */
    RedisLanes(ReactiveRedisDataSource redis, @ConfigProperty(name = "quarkus.redis.timeout") Duration silentAfter,
            MeterRegistry registry, Vertx vertx) {
        this.vertx = vertx;
        this.calls = RedisLane.over(redis, "calls", silentAfter);
        this.events = RedisLane.over(redis, "events", silentAfter);
        for (RedisLane lane : new RedisLane[] { calls, events }) {
            watches.add(lane.watch(vertx, WATCH_PERIOD));
            Gauge.builder("audiohook.redis.lane.commands.out", lane, RedisLane::commandsOut)
                    .description("Redis commands sent on the lane and not answered yet").tag("lane", lane.name())
                    .register(registry);
            FunctionCounter.builder("audiohook.redis.lane.connections", lane, RedisLane::connectionsOpened)
                    .description("connections the lane opened: 1, plus one after each cut or silent connection")
                    .tag("lane", lane.name()).register(registry);
        }
    }

    /** Dev mode keeps Vert.x across reloads: the watches of the application that ends must not outlive it. */
    @PreDestroy
    void stop() {
        watches.forEach(vertx::cancelTimer);
    }

    /** Upgrades and calls: nonce claims, the conversation ledger, readiness. */
    public RedisLane calls() {
        return calls;
    }

    /** Events: publishing runs, transcript lines, desktop lookups. */
    public RedisLane events() {
        return events;
    }
}
