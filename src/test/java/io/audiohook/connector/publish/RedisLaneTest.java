package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.audiohook.connector.testkit.RedisServer;
import io.audiohook.connector.testkit.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * A lane on a real redis-server, reached through a proxy that can cut or stall the connection: it pipelines every
 * command on one connection, answers while the pool's connections are all taken, and replaces a connection that
 * was cut or has gone silent.
 */
class RedisLaneTest {
    static final Duration SILENT_AFTER = Duration.ofMillis(300);

    Vertx vertx;
    Process server;
    TcpProxy proxy;
    Redis client;
    RedisLane lane;

    @BeforeEach
    void start() {
        int port = RedisServer.freePort();
        server = RedisServer.start(port);
        proxy = TcpProxy.to("127.0.0.1", port);
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + proxy.port())
                .setMaxPoolSize(2).setMaxPoolWaiting(16));
        lane = new RedisLane(client, "test", SILENT_AFTER, System::nanoTime);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        proxy.close();
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void commandsSentTogetherGoOutOnOneConnectionAndAreAnsweredInOrder() throws Exception {
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) { // far more than the pool's 2 connections and 16 waiting
            answers.add(lane.execute("INCR", "counter").map(r -> r.toLong()).subscribeAsCompletionStage());
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals(i + 1, answers.get(i).get(5, TimeUnit.SECONDS), "answer " + i);
        }
        assertEquals(1, lane.connectionsOpened());
        assertEquals(1, proxy.accepted(), "one connection for all of them");
    }

    @Test
    void theLaneAnswersWhileEveryOtherPooledConnectionIsTaken() throws Exception {
        assertEquals("PONG", ping(lane)); // the lane holds one of the two pooled connections from its first command
        client.send(Request.cmd(Command.BLPOP).arg("never-pushed").arg(3)); // the other one, for 3 s
        CompletableFuture<String> pooled = client.send(Request.cmd(Command.PING))
                .map(r -> r.toString()).toCompletionStage().toCompletableFuture();

        long start = System.nanoTime();
        assertEquals("OK", lane.execute("SET", "k", "v").map(r -> r.toString()).await().atMost(Duration.ofSeconds(2)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1_000, "answered at once, not after the blocked command: " + tookMillis + " ms");
        assertTrue(!pooled.isDone(), "a pooled command meanwhile waits for a connection");
        assertEquals("PONG", pooled.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aConnectionThatIsCutIsReplaced() throws Exception {
        assertEquals("PONG", ping(lane));
        assertEquals(1, proxy.cut());

        eventually(() -> {
            try {
                return "PONG".equals(ping(lane));
            } catch (RuntimeException e) { // a command made before the lane saw the cut fails: callers retry
                return false;
            }
        });
        assertEquals(2, lane.connectionsOpened());
    }

    @Test
    void aConnectionSilentForTooLongIsClosedAndItsCommandsFail() throws Exception {
        assertEquals("PONG", ping(lane));
        proxy.stall();
        CompletableFuture<String> lost = lane.execute("PING").map(r -> r.toString()).subscribeAsCompletionStage();
        Thread.sleep(SILENT_AFTER.toMillis() + 100);
        assertTrue(!lost.isDone(), "no answer through a stalled link");

        long start = System.nanoTime();
        CompletableFuture<String> next = lane.execute("PING").map(r -> r.toString()).subscribeAsCompletionStage();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> lost.get(2, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1_000, "failed when the next command found it silent");
        assertTrue(String.valueOf(failed.getCause().getMessage()).toLowerCase().contains("clos"),
                failed.getCause().toString());

        proxy.pass();
        assertEquals("PONG", next.get(5, TimeUnit.SECONDS), "the next command went out on a new connection");
        assertEquals(2, lane.connectionsOpened());
    }

    @Test
    void theWatchClosesASilentConnectionWithoutWaitingForAnotherCommand() throws Exception {
        long watch = lane.watch(vertx, Duration.ofMillis(100));
        try {
            assertEquals("PONG", ping(lane));
            proxy.stall();
            long start = System.nanoTime();
            CompletableFuture<String> lost = lane.execute("PING").map(r -> r.toString()).subscribeAsCompletionStage();

            assertThrows(ExecutionException.class, () -> lost.get(2, TimeUnit.SECONDS));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= SILENT_AFTER.toMillis() && tookMillis < 1_000,
                    "failed once silent for " + SILENT_AFTER + " and within a watch period after: " + tookMillis + " ms");
            assertEquals(0, lane.commandsOut());

            proxy.pass();
            assertEquals("PONG", ping(lane), "the next command goes out on a new connection");
            assertEquals(2, lane.connectionsOpened());
        } finally {
            vertx.cancelTimer(watch);
        }
    }

    private static String ping(RedisLane lane) {
        return lane.execute("PING").map(r -> r.toString()).await().atMost(Duration.ofSeconds(2));
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 5 s");
            Thread.sleep(20);
        }
    }
}
