package io.audiohook.connector.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

/**
 * Whether Redis answers: for the readiness check. The publisher reports every command's outcome here, so a busy
 * instance knows without probing; {@link #ping(Duration)} asks Redis directly.
 */
@Singleton
public class RedisStatus {
    private final RedisLane redis;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    RedisStatus(RedisLanes lanes) {
        this.redis = lanes.calls();
    }

    /** {@code PING}; true if {@code PONG} came back within {@code timeout}. Never fails. */
    public Uni<Boolean> ping(Duration timeout) {
        return redis.execute("PING")
                .ifNoItem().after(timeout).fail()
                .map(reply -> reply != null && "PONG".equals(reply.toString()))
                .invoke(ok -> succeeded())
                .onFailure().recoverWithItem(e -> {
                    failed(e);
                    return false;
                });
    }

    /** When a command last succeeded, if ever. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess.get());
    }

    /** When a command last failed, if ever. */
    public Optional<Instant> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** The last failure's message (no data: Redis errors never contain values). */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /** True when the last command outcome was a success. */
    public boolean reachable() {
        Instant ok = lastSuccess.get();
        Instant bad = lastFailure.get();
        return ok != null && (bad == null || !bad.isAfter(ok));
    }

    void succeeded() {
        lastSuccess.set(Instant.now());
    }

    void failed(Throwable error) {
        lastFailure.set(Instant.now());
        lastError.set(String.valueOf(error.getMessage()));
    }
}
