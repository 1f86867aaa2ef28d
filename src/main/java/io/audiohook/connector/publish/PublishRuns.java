package io.audiohook.connector.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.mutiny.redis.client.Response;

/**
 * Publishes the next events of every conversation that has some, together: one script run for all of them, and one
 * run in flight at a time. Conversations that become ready while a run is out go in the next one, so under load a
 * run carries many conversations' events (one round trip and one command instead of one per event: at 1,000 calls
 * the per-event commands queued for the Redis client's pooled connections, and that wait was most of an event's
 * way to the desktop), and with little traffic an event still leaves at once. A conversation has at most one batch
 * out ({@link Outboxes#nextEvents}), so its events stay in order; a run that fails returns each batch to the front
 * of its conversation's lane. Every run is made on one home event loop, where its answer arrives and the next run
 * starts. Made from the calls' loops, each run crossed to the Redis connection's loop and its answer back: at 1,000
 * calls the wake-ups alone were 3 % of the connector's CPU, and each crossing added to every event's wait. The home
 * is the loop Redis' connections live on ({@link RedisLoop}), so a run's command and its answer cross no loop at all.
 */
final class PublishRuns {
    /**
     * For each conversation: GET its key (the UI-connector instance its desktop is on; none yet: -1) and PUBLISH its
     * events on that instance's channel, atomically. KEYS: the conversations' keys. ARGV: for each key in turn, its
     * number of events, then the events. Answers the receivers per key, in order.
     */
    private static final LuaScript PUBLISH = new LuaScript("""
            local answers = {}
            local a = 1
            for k = 1, #KEYS do
              local n = tonumber(ARGV[a])
              local id = redis.call('GET', KEYS[k])
              if not id then
                answers[k] = -1
              else
                local channel = id .. ':' .. KEYS[k]
                local receivers = 0
                for i = a + 1, a + n do
                  receivers = receivers + redis.call('PUBLISH', channel, ARGV[i])
                end
                answers[k] = receivers
              end
              a = a + n + 1
            end
            return answers
            """);
    /** Events per run at most: a script blocks Redis while it runs, so a run stays short. */
    static final int MAX_EVENTS = 256;

    /** What the publisher does with a run's conversations. */
    interface Lanes {
        /** The conversation's next batch, or null when it has none to send now. */
        List<PendingEvent> next(ConversationOutbox box);

        /**
         * Redis took the batch: its events reached {@code receivers} listeners in all (0: none), or -1: no desktop
         * has joined.
         */
        void answered(ConversationOutbox box, List<PendingEvent> batch, long receivers);

        /** The run failed or went unanswered: every batch of it goes back. */
        void failed(List<Batch> run, Throwable error);
    }

    record Batch(ConversationOutbox box, List<PendingEvent> events) {
    }

    private final RedisLane redis;
    private final Lanes lanes;
    private final Executor home;
    private final Queue<ConversationOutbox> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean homeCalled = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();

    /**
     * @param home where runs are made: Redis' event loop, so that a run's command, its answer and the next
     *             run stay on one thread instead of crossing from the calls' loops to Redis' and back
     */
    PublishRuns(RedisLane redis, Executor home, Lanes lanes) {
        this.redis = redis;
        this.home = home;
        this.lanes = lanes;
    }

    /**
     * The conversation may have events to publish: they go in the current run if none is out, else the next, which
     * the current one's answer starts. A caller never makes a run itself; it asks home once (one request pending).
     */
    void ready(ConversationOutbox box) {
        ready.add(box);
        if (!running.get() && homeCalled.compareAndSet(false, true)) {
            home.execute(() -> {
                homeCalled.set(false);
                send();
            });
        }
    }

    private void send() {
        // whoever sets running sends; a box queued just after a run's take is seen by the check after it ends
        while (!ready.isEmpty() && running.compareAndSet(false, true)) {
            List<Batch> run = take();
            if (!run.isEmpty()) {
                publish(run);
                return;
            }
            running.set(false);
        }
    }

    private List<Batch> take() {
        List<Batch> run = new ArrayList<>();
        int events = 0;
        ConversationOutbox box;
        while (events < MAX_EVENTS && (box = ready.poll()) != null) {
            List<PendingEvent> batch = lanes.next(box); // null when already in this run, out, or waiting
            if (batch != null) {
                run.add(new Batch(box, batch));
                events += batch.size();
            }
        }
        return run;
    }

    private void publish(List<Batch> run) {
        try {
            Instant ack = Instant.now();
            List<String> keysThenArgs = new ArrayList<>(run.size() * 3);
            for (Batch b : run) {
                keysThenArgs.add(b.box().key);
            }
            for (Batch b : run) {
                keysThenArgs.add(Integer.toString(b.events().size()));
                for (PendingEvent event : b.events()) {
                    keysThenArgs.add(event.envelope(b.box().key, ack));
                }
            }
            sent.incrementAndGet();
            // no timeout of its own: a run out on a silent connection fails when the lane closes it
            PUBLISH.run(redis, run.size(), keysThenArgs.toArray(String[]::new))
                    .subscribe().with(reply -> ended(() -> {
                        for (int i = 0; i < run.size(); i++) {
                            Batch b = run.get(i);
                            lanes.answered(b.box(), b.events(), receivers(reply, i));
                        }
                    }), error -> ended(() -> lanes.failed(run, error)));
        } catch (RuntimeException e) { // the command could not even be made or handed to the client
            ended(() -> lanes.failed(run, e));
        }
    }

    /** Whatever the outcome does, the next run may go afterwards: a run never stays out for good. */
    private void ended(Runnable outcome) {
        try {
            outcome.run();
        } finally {
            running.set(false);
            send();
        }
    }

    /** Runs sent so far: against the events published, how many each run carried. */
    long runsSent() {
        return sent.get();
    }

    private static long receivers(Response reply, int index) {
        return reply == null || reply.size() <= index ? -1 : reply.get(index).toLong();
    }
}
