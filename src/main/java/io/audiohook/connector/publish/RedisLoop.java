package io.audiohook.connector.publish;

import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Runs tasks on the event loop Redis' connections live on. Vert.x' Redis client makes every pooled connection on the
 * one context it was created with (at start-up, some event loop), and its Mutiny API hands each answer back to the
 * caller's context: a command made on another loop crosses to the connections' loop and its answer crosses back, two
 * wake-ups per round trip. Made on this loop, neither crosses. Which loop that is the client does not say, so it is
 * learnt from where the answer of a {@code PING} arrives (the core API completes on the connection's own loop); until
 * then, and if Redis never answers, tasks run on a loop of their own as before.
 */
final class RedisLoop implements Executor {
    private static final Logger LOG = Logger.getLogger(RedisLoop.class);
    private static final long RETRY_MILLIS = 1_000;

    private final Vertx vertx;
    private final io.vertx.redis.client.Redis redis;
    private volatile Context context;
    private volatile boolean learnt;

    /** @return the Redis loop's executor; off Vert.x (a worker context at start-up), tasks run where they are asked */
    static Executor of(Vertx vertx, ReactiveRedisDataSource redis) {
        Context start = vertx.getOrCreateContext();
        if (!start.isEventLoopContext()) {
            return Runnable::run;
        }
        RedisLoop loop = new RedisLoop(vertx, redis.getRedis().getDelegate(), start);
        loop.learn();
        return loop;
    }

    private RedisLoop(Vertx vertx, io.vertx.redis.client.Redis redis, Context start) {
        this.vertx = vertx;
        this.redis = redis;
        this.context = start;
    }

    private void learn() {
        redis.send(Request.cmd(Command.PING)).onComplete(answer -> {
            if (answer.failed()) {
                vertx.setTimer(RETRY_MILLIS, id -> learn()); // Redis not up yet: its loop is learnt when it is
                return;
            }
            Context here = Vertx.currentContext();
            if (here != null && here.isEventLoopContext()) {
                context = here;
                learnt = true;
                LOG.debugf("publishing runs on Redis' event loop, %s", Thread.currentThread().getName());
            } else { // a client that answers elsewhere: keep the loop of our own
                LOG.debugf("Redis answered off an event loop (%s): publishing keeps a loop of its own",
                        Thread.currentThread().getName());
            }
        });
    }

    /** Whether tasks run on Redis' loop yet. */
    boolean learnt() {
        return learnt;
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }
}
