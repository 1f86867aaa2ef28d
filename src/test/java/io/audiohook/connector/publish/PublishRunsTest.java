package io.audiohook.connector.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * Conversations that become ready while a run is made or out go together in one run, on a real redis-server: each
 * gets its own answer (its desktop's receivers, or none joined yet), and each conversation's events reach its
 * desktop's channel in order.
 */
@QuarkusTest
class PublishRunsTest {
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisDataSource blocking;
    @Inject
    RedisLanes redisLanes;
    @Inject
    io.vertx.core.Vertx vertx;

    /** Hands out each conversation's events once, as an outbox does; records the answers. */
    static final class Lanes implements PublishRuns.Lanes {
        final Map<ConversationOutbox, List<PendingEvent>> waiting = new ConcurrentHashMap<>();
        final Map<String, Long> answers = new ConcurrentHashMap<>();
        final List<String> answeredInOrder = new CopyOnWriteArrayList<>();
        final List<String> takenOn = new CopyOnWriteArrayList<>();
        Runnable onFirstTake = () -> {
        };

        @Override
        public List<PendingEvent> next(ConversationOutbox box) {
            Runnable hook = onFirstTake;
            onFirstTake = () -> {
            };
            hook.run();
            takenOn.add(Thread.currentThread().getName());
            return waiting.remove(box);
        }

        @Override
        public void answered(ConversationOutbox box, List<PendingEvent> batch, long receivers) {
            answers.put(box.key, receivers);
            answeredInOrder.add(box.key);
        }

        @Override
        public void failed(List<PublishRuns.Batch> run, Throwable error) {
            throw new AssertionError("the run failed", error);
        }
    }

    @Test
    void conversationsReadyWhileARunIsMadeGoInItAndEachGetsItsOwnAnswer() throws Exception {
        String prefix = "projects/p/conversations/runs-" + UUID.randomUUID() + "-";
        ConversationOutbox first = new ConversationOutbox(prefix + "first");
        ConversationOutbox joined = new ConversationOutbox(prefix + "joined");
        ConversationOutbox notJoined = new ConversationOutbox(prefix + "not-joined");
        blocking.value(String.class).set(joined.key, "ui-instance-1");
        blocking.value(String.class).set(first.key, "ui-instance-1");
        List<String> heard = new CopyOnWriteArrayList<>();
        RedisSubscriber subscriber = blocking.pubsub(String.class).subscribe(List.of("ui-instance-1:" + first.key,
                "ui-instance-1:" + joined.key), heard::add);
        try {
            Lanes lanes = new Lanes();
            PublishRuns runs = new PublishRuns(lane(), Runnable::run, lanes);
            lanes.waiting.put(first, events("first", 1));
            lanes.waiting.put(joined, events("joined", 3));
            lanes.waiting.put(notJoined, events("not-joined", 2));
            // the other two become ready while the first conversation's run is being made
            lanes.onFirstTake = () -> {
                runs.ready(joined);
                runs.ready(notJoined);
            };
            long before = runs.runsSent();
            runs.ready(first);

            eventually(() -> lanes.answers.size() == 3 && heard.size() == 4);
            assertEquals(1, runs.runsSent() - before, "one run for the three conversations");
            assertEquals(Map.of(first.key, 1L, joined.key, 3L, notJoined.key, -1L), lanes.answers,
                    "deliveries per conversation (one listener, each event), none for the one without a desktop");
            List<String> ids = new ArrayList<>();
            heard.forEach(envelope -> ids.add(envelope.replaceAll(".*\"message_id\":\"([^\"]+)\".*", "$1")));
            assertEquals(List.of("first-0", "joined-0", "joined-1", "joined-2"), ids, "in order, each on its channel");
        } finally {
            subscriber.unsubscribe();
            blocking.key().del(first.key, joined.key);
        }
    }

    /**
     * Conversations become ready on any thread; every run is made on the publisher's own event-loop context, and the
     * runs that follow one another start from its answer, on the same loop: more events than one run carries.
     */
    @Test
    void runsAreMadeOnTheirHomeWhereverConversationsBecomeReady() throws Exception {
        String prefix = "projects/p/conversations/home-" + UUID.randomUUID() + "-";
        Context home = vertx.getOrCreateContext();
        CompletableFuture<String> homeThread = new CompletableFuture<>();
        home.runOnContext(v -> homeThread.complete(Thread.currentThread().getName()));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Lanes lanes = new Lanes();
            PublishRuns runs = new PublishRuns(lane(), task -> home.runOnContext(v -> task.run()),
                    lanes);
            long before = runs.runsSent();
            List<ConversationOutbox> boxes = conversations(lanes, prefix, "home-", 400);
            boxes.forEach(box -> callers.execute(() -> runs.ready(box)));

            eventually(() -> lanes.answers.size() == boxes.size());
            assertTrue(runs.runsSent() - before >= 800 / PublishRuns.MAX_EVENTS, "several runs, one after another");
            assertEquals(Set.of(homeThread.get(5, TimeUnit.SECONDS)), Set.copyOf(lanes.takenOn),
                    "every run was made on its home loop, none on the callers' threads or Redis' own");
            assertTrue(lanes.answers.values().stream().allMatch(receivers -> receivers == -1L),
                    "each answered (no desktop joined)");
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * The publisher's home is the loop Redis' connections live on, learnt from where Redis answers: runs are made
     * there, and their answers and the runs that follow stay there, with no crossing between loops.
     */
    @Test
    void theRedisLoopIsWhereRedisAnswers() throws Exception {
        Executor home = RedisLoop.of(vertx, redis);
        eventually(() -> ((RedisLoop) home).learnt());
        CompletableFuture<String> answeredOn = new CompletableFuture<>();
        redis.getRedis().getDelegate().send(Request.cmd(Command.PING))
                .onComplete(answer -> answeredOn.complete(Thread.currentThread().getName()));
        String redisThread = answeredOn.get(5, TimeUnit.SECONDS);

        String prefix = "projects/p/conversations/loop-" + UUID.randomUUID() + "-";
        Lanes lanes = new Lanes();
        PublishRuns runs = new PublishRuns(lane(), home, lanes);
        List<ConversationOutbox> boxes = conversations(lanes, prefix, "loop-", 300);
        boxes.forEach(runs::ready);

        eventually(() -> lanes.answers.size() == boxes.size());
        assertEquals(Set.of(redisThread), Set.copyOf(lanes.takenOn),
                "every run was made on the loop Redis answers on");
    }

    /** {@code n} conversations named {@code prefix + i}, each with two events waiting in {@code lanes}. */
    private static List<ConversationOutbox> conversations(Lanes lanes, String prefix, String eventPrefix, int n) {
        List<ConversationOutbox> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ConversationOutbox box = new ConversationOutbox(prefix + i);
            lanes.waiting.put(box, events(eventPrefix + i, 2));
            boxes.add(box);
        }
        return boxes;
    }

    /** The application's events lane, as the publisher uses it. */
    private RedisLane lane() {
        return redisLanes.events();
    }

    private static List<PendingEvent> events(String name, int n) {
        List<PendingEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new PendingEvent(new Notification(DataType.CONVERSATION_LIFECYCLE, "{}", null, null),
                    Instant.now(), name + "-" + i, System.nanoTime(), System.nanoTime()));
        }
        return events;
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(20);
        }
    }
}
