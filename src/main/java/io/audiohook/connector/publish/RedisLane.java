package io.audiohook.connector.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.RedisConnectionInternal;

/**
 * One Redis connection kept open and shared by pipelining: a command goes out at once, whatever else is out, and
 * the answers come back in order. Vert.x' pooled client holds a connection from a command until its answer, so with
 * 8 connections and answers that wait 30 ms for a busy event loop it carried under 300 commands a second and the
 * rest queued: a new instance under a burst queued 528 commands for 1.6 s, and upgrades whose nonce check missed its
 * bound were refused. Pipelined, a command waits for Redis and one trip through the loop, not for other commands'
 * answers.
 *
 * <p>The connection is taken from the client's pool when first needed and again after it fails or closes (every
 * command out on it fails then, so callers retry on the next). One that has commands out and has answered nothing
 * for {@code silentAfter} is closed the same way, when the next command comes or at the lane's {@link #watch}: a
 * Redis that vanished without closing the connection would otherwise hold every command out and every later one.
 * The number of commands out is bounded by the client's {@code max-waiting-handlers}; past it a command fails at
 * once ("waiting queue is full").
 */
public final class RedisLane {
    private static final Logger LOG = Logger.getLogger(RedisLane.class);

    private final Redis redis;
    private final String name;
    private final long silentAfterNanos;
    private final LongSupplier nanoTime;
    private final AtomicReference<Future<RedisConnection>> current = new AtomicReference<>();
    private final AtomicInteger out = new AtomicInteger();
    /** When the connection last answered, or when a command went out with none out before it. */
    private final AtomicLong quietSince = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();

    RedisLane(Redis redis, String name, Duration silentAfter, LongSupplier nanoTime) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.name = Objects.requireNonNull(name, "name");
        this.silentAfterNanos = silentAfter.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A lane over the data source's client, for a connection of its own (a test's second instance, too). */
    public static RedisLane over(ReactiveRedisDataSource redis, String name, Duration silentAfter) {
        return new RedisLane(redis.getRedis().getDelegate(), name, silentAfter, System::nanoTime);
    }

    /** As {@link ReactiveRedisDataSource#execute(String, String...)}, on this lane's connection. */
    public Uni<Response> execute(String command, String... args) {
        return execute(Command.create(command), args);
    }

    /** As {@link ReactiveRedisDataSource#execute(Command, String...)}, on this lane's connection. */
    public Uni<Response> execute(Command command, String... args) {
        io.vertx.redis.client.Request request = io.vertx.redis.client.Request.cmd(command.getDelegate());
        for (String arg : args) {
            request.arg(arg);
        }
        return answered(c -> c.send(request)).map(Response::newInstance);
    }

    /** The commands written together and answered together (one write, one reply list). */
    public Uni<List<Response>> batch(List<Request> requests) {
        List<io.vertx.redis.client.Request> core = new ArrayList<>(requests.size());
        requests.forEach(r -> core.add(r.getDelegate()));
        return answered(c -> c.batch(core)).map(replies -> {
            List<Response> wrapped = new ArrayList<>(replies.size());
            replies.forEach(r -> wrapped.add(Response.newInstance(r)));
            return wrapped;
        });
    }

    /** The command, sent on the lane when the Uni is subscribed to, and its answer. */
    private <T> Uni<T> answered(Function<RedisConnection, Future<T>> command) {
        return Uni.createFrom().emitter(emitter -> run(command).onComplete(answer -> {
            if (answer.succeeded()) {
                emitter.complete(answer.result());
            } else {
                emitter.fail(answer.cause());
            }
        }));
    }

    /** Hands the connection back to the client's pool (a lane made for a while, as a test's second instance). */
    public void close() {
        Future<RedisConnection> known = current.getAndSet(null);
        if (known != null) {
            known.onSuccess(RedisConnection::close);
        }
    }

    String name() {
        return name;
    }

    /** Commands sent and not answered yet. */
    int commandsOut() {
        return out.get();
    }

    /** Connections opened so far: 1 while Redis stays up. */
    long connectionsOpened() {
        return opened.get();
    }

    private <T> Future<T> run(Function<RedisConnection, Future<T>> command) {
        long now = nanoTime.getAsLong();
        Future<RedisConnection> connection = connection(now);
        if (out.getAndIncrement() == 0) {
            quietSince.set(now);
        }
        return connection.compose(command).andThen(answer -> {
            out.decrementAndGet();
            quietSince.set(nanoTime.getAsLong());
        });
    }

    private Future<RedisConnection> connection(long now) {
        while (true) {
            Future<RedisConnection> known = current.get();
            if (known != null && !known.failed()) {
                if (!closedForSilence(known, now)) {
                    return known;
                }
                continue;
            }
            Promise<RedisConnection> opening = Promise.promise();
            if (current.compareAndSet(known, opening.future())) {
                open(opening);
                return opening.future();
            }
        }
    }

    /**
     * Also looks for a silent connection every {@code period}, so that the commands out on it fail even when no
     * other command comes: callers then need no timeout of their own for a Redis that vanished.
     *
     * @return the timer's id, for {@link Vertx#cancelTimer(long)}
     */
    long watch(Vertx vertx, Duration period) {
        return vertx.setPeriodic(period.toMillis(), id -> {
            Future<RedisConnection> known = current.get();
            if (known != null && !known.failed()) {
                closedForSilence(known, nanoTime.getAsLong());
            }
        });
    }

    /** Closes the connection if it has been silent too long; its commands out then fail (Vert.x fails them). */
    private boolean closedForSilence(Future<RedisConnection> known, long now) {
        if (!silent(now) || !current.compareAndSet(known, null)) {
            return false;
        }
        LOG.warnf("Redis lane %s: no answer for %d ms with %d command(s) out; closing its connection",
                name, (now - quietSince.get()) / 1_000_000, out.get());
        quietSince.set(now); // the next connection gets its own silentAfter
        known.onSuccess(RedisLane::forceClose);
        return true;
    }

    private boolean silent(long now) {
        return out.get() > 0 && now - quietSince.get() > silentAfterNanos;
    }

    private void open(Promise<RedisConnection> opening) {
        Future<RedisConnection> mine = opening.future();
        redis.connect().onComplete(result -> {
            if (result.failed()) {
                current.compareAndSet(mine, null);
                opening.fail(result.cause());
                return;
            }
            RedisConnection connection = result.result();
            opened.incrementAndGet();
            // whatever ends it, the next command opens another; the commands out on it fail (Vert.x fails them)
            connection.exceptionHandler(error -> {
                LOG.debugf("Redis lane %s: connection failed: %s", name, error.toString());
                retire(mine, connection);
            });
            connection.endHandler(ended -> retire(mine, connection));
            opening.complete(connection);
        });
    }

    private void retire(Future<RedisConnection> which, RedisConnection connection) {
        if (current.compareAndSet(which, null)) {
            forceClose(connection);
        }
    }

    /**
     * Closes the socket itself: {@code close()} on a pooled connection only hands it back to the pool, where a
     * dead one would wait for the next borrower. The client's own type says how; another type is just closed.
     */
    private static void forceClose(RedisConnection connection) {
        if (connection instanceof io.vertx.redis.client.impl.PooledRedisConnection pooled) {
            pooled.actual().forceClose();
        } else if (connection instanceof RedisConnectionInternal internal) {
            internal.forceClose();
        } else {
            connection.close();
        }
    }
}
