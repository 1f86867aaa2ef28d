package io.audiohook.connector.publish;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * The two pipelined connections ({@link RedisLane}) the call path uses, so that a call's start never waits behind
 * its events: one for upgrades and calls (signature nonces, the conversation ledger, readiness), one for events
 * (publishing, transcript lines, desktop lookups). The client's pool keeps serving what is not on the call path:
 * the console's and the HTTP API's reads.
 */
@Singleton
public class RedisLanes {
    private final RedisLane calls;
    private final RedisLane events;

    /** @param silentAfter a lane whose connection answers nothing for this long while commands are out replaces it */
    RedisLanes(ReactiveRedisDataSource redis, @ConfigProperty(name = "quarkus.redis.timeout") Duration silentAfter,
            MeterRegistry registry) {
        this.calls = RedisLane.over(redis, "calls", silentAfter);
        this.events = RedisLane.over(redis, "events", silentAfter);
        for (RedisLane lane : new RedisLane[] { calls, events }) {
            Gauge.builder("audiohook.redis.lane.commands.out", lane, RedisLane::commandsOut)
                    .description("Redis commands sent on the lane and not answered yet").tag("lane", lane.name())
                    .register(registry);
            FunctionCounter.builder("audiohook.redis.lane.connections", lane, RedisLane::connectionsOpened)
                    .description("connections the lane opened: 1, plus one after each cut or silent connection")
                    .tag("lane", lane.name()).register(registry);
        }
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
