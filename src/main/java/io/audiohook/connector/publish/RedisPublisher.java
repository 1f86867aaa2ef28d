package io.audiohook.connector.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.audiohook.connector.assist.AssistEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Publishes Agent Assist events to Redis exactly as Google's Pub/Sub interceptor does for the UI connector, and
 * appends final utterances, their suggestions and the summary to a per-conversation transcript stream: the Redis
 * writer of the {@link Outboxes}.
 * <p>
 * {@link #publish} only renders the event and queues it in its conversation's outbox; Redis work runs on the
 * Vert.x event loop through the reactive client, on the events lane ({@link RedisLanes#events()}). Per conversation one batch is out at a time and a failed batch
 * returns to the front, so events reach the desktop in order also across Redis outages; the batches of all ready
 * conversations go to Redis together ({@link PublishRuns}). Events of a
 * conversation no desktop has joined yet (no key) wait in the outbox; {@link DesktopPresence}'s shared tick
 * expires them, retries what backed off, and looks for the keys of all waiting conversations with one {@code MGET}.
 */
@Singleton
public class RedisPublisher implements DesktopPresence.Watcher {
    private static final Logger LOG = Logger.getLogger(RedisPublisher.class);
    private static final int TRANSCRIPT_BATCH = 32;

    private final RedisLane redis;
    private final PublishSettings.Transcript transcriptConfig;
    private final String keyPrefix;
    private final PublishStats stats;
    private final Outboxes outboxes;
    private final MessageIds ids = new MessageIds();
    private final TranscriptLines lines = new TranscriptLines();
    /** Conversations whose events wait for their desktop, by key: what the shared poll looks for. */
    private final Map<String, ConversationOutbox> awaiting = new ConcurrentHashMap<>();
    private final PublishRuns runs;
    private volatile boolean warnedDown;

    /** @param pool the client whose pooled connections' loop the runs are made on ({@link RedisLoop}) */
    RedisPublisher(ReactiveRedisDataSource pool, RedisLanes lanes, PublishSettings config,
            MeterRegistry registry, DesktopPresence presence, Vertx vertx) {
        this.redis = lanes.events();
        this.transcriptConfig = config.transcript();
        this.keyPrefix = config.keyPrefix();
        this.stats = new PublishStats(registry);
        this.outboxes = new Outboxes(config.outbox(), config.transcript(), stats, System::nanoTime);
        Gauge.builder("audiohook.publish.outbox.events", outboxes, Outboxes::pendingEvents)
                .description("events waiting for a desktop or for Redis").register(registry);
        Gauge.builder("audiohook.publish.outbox.bytes", outboxes, Outboxes::pendingBytes)
                .description("estimated heap held by waiting events and transcript lines").register(registry);
        Gauge.builder("audiohook.publish.outbox.conversations", outboxes, Outboxes::conversations).register(registry);
        this.runs = new PublishRuns(redis, RedisLoop.of(vertx, pool), new PublishRuns.Lanes() {
            @Override
            public List<PendingEvent> next(ConversationOutbox box) {
                return outboxes.nextEvents(box);
            }

            @Override
            public void answered(ConversationOutbox box, List<PendingEvent> batch, long receivers) {
                published(box, batch, receivers);
            }

            @Override
            public void failed(List<PublishRuns.Batch> run, Throwable error) {
                redisDown(error);
                run.forEach(b -> outboxes.eventsFailed(b.box(), b.events()));
            }
        });
        FunctionCounter.builder("audiohook.publish.runs", runs, PublishRuns::runsSent)
                .description("Redis script runs that published events; under load each carries several"
                        + " conversations' events")
                .register(registry);
        presence.watch(this);
    }

    // ------------------------------------------------------------------ intake (any thread, never blocks)

    /** Queues the event for the UI connector (and its transcript line) and returns at once. */
    public void publish(AssistEvent event) {
        Notification rendered;
        try {
            rendered = Notification.of(event);
        } catch (RuntimeException e) {
            stats.dropped(DropReason.RENDER, 1);
            LOG.errorf("cannot render a %s event: %s", event.getClass().getSimpleName(), e.toString());
            return;
        }
        PendingEvent pending = new PendingEvent(rendered, Instant.now(), ids.next(), event.receivedNanos(),
                System.nanoTime());
        Optional<TranscriptRecord> line = transcriptConfig.enabled() ? lines.record(event, rendered) : Optional.empty();
        ConversationOutbox box = outboxes.offer(ConversationKeys.withoutLocation(event.conversationName()), pending,
                line);
        if (box != null) {
            drain(box);
        }
    }

    // ------------------------------------------------------------------ draining (one command per lane in flight)

    private void drain(ConversationOutbox box) {
        publishNext(box);
        writeNext(box);
    }

    private void publishNext(ConversationOutbox box) {
        runs.ready(box);
    }

    private void published(ConversationOutbox box, List<PendingEvent> batch, long receivers) {
        redisUp();
        if (receivers < 0) {
            outboxes.eventsWaitForDesktop(box, batch);
            awaiting.put(box.key, box);
            return;
        }
        if (receivers == 0) {
            LOG.debugf("%d event(s) of %s published with no UI connector listening (its instance gone?)",
                    batch.size(), box.key);
        }
        outboxes.eventsPublished(box, batch, receivers);
        publishNext(box);
        outboxes.retireIfIdle(box);
    }

    private void writeNext(ConversationOutbox box) {
        List<TranscriptRecord> batch = outboxes.nextLines(box, TRANSCRIPT_BATCH);
        if (batch == null) {
            return;
        }
        String stream = ConversationKeys.transcript(keyPrefix, box.key);
        List<Request> requests = new ArrayList<>(batch.size() + 1);
        for (TranscriptRecord line : batch) {
            Request xadd = Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~")
                    .arg(transcriptConfig.maxLength()).arg("*");
            line.fields().forEach((field, value) -> xadd.arg(field).arg(value));
            requests.add(xadd);
        }
        requests.add(Request.cmd(Command.EXPIRE).arg(stream).arg(Math.max(1, transcriptConfig.retention().toSeconds())));
        // no timeout of its own: a Redis that vanished without closing the connection cannot hold a conversation's
        // lines for good, because the lane closes a connection silent for REDIS_TIMEOUT and what was out fails
        redis.batch(requests)
                .subscribe().with(replies -> {
                    redisUp();
                    outboxes.linesWritten(box, batch);
                    writeNext(box);
                    outboxes.retireIfIdle(box);
                }, error -> {
                    redisDown(error);
                    outboxes.linesFailed(box, batch);
                });
    }

    // ------------------------------------------------------------------ the shared tick

    /** Expires old events, retries what backed off long enough, and names the conversations awaiting a desktop. */
    @Override
    public Collection<String> waitingFor() {
        Outboxes.Due due = outboxes.tick();
        for (ConversationOutbox box : due.ready()) {
            drain(box);
            outboxes.retireIfIdle(box);
        }
        Map<String, ConversationOutbox> now = new java.util.HashMap<>();
        due.awaitingDesktop().forEach(box -> now.put(box.key, box));
        awaiting.keySet().retainAll(now.keySet());
        awaiting.putAll(now);
        return List.copyOf(now.keySet());
    }

    @Override
    public void joined(String key) {
        ConversationOutbox box = awaiting.remove(key);
        if (box != null) {
            outboxes.desktopJoined(box);
            LOG.debugf("a desktop joined %s: delivering what waited", key);
            drain(box);
        }
    }

    @Override
    public void lookupFailed(Throwable error) {
        redisDown(error);
    }

    @Override
    public void lookupAnswered() {
        redisUp();
    }

    // ------------------------------------------------------------------ bookkeeping

    private void redisUp() {
        if (warnedDown) {
            warnedDown = false;
            LOG.info("Redis answers again: waiting events flow");
        }
    }

    private void redisDown(Throwable error) {
        stats.failure();
        if (!warnedDown) {
            warnedDown = true;
            LOG.warnf("Redis command failed (%s): events wait and are retried with backoff", error.toString());
        } else {
            LOG.debugf("Redis command failed: %s", error.toString());
        }
    }

    public PublishStats stats() {
        return stats;
    }

    /** Events waiting for a desktop or for Redis. */
    public long pendingEvents() {
        return outboxes.pendingEvents();
    }

    public long pendingBytes() {
        return outboxes.pendingBytes();
    }

    /** Events of one conversation (full or location-less name) waiting for a desktop or for Redis. */
    public int pendingEvents(String conversationName) {
        return outboxes.pendingEvents(ConversationKeys.withoutLocation(conversationName));
    }

    /** Whether the events of a conversation (full or location-less name) wait for its agent's desktop to join. */
    public boolean awaitingDesktop(String conversationName) {
        return awaiting.containsKey(ConversationKeys.withoutLocation(conversationName));
    }

    /** Conversations with something still to write. */
    public int pendingConversations() {
        return outboxes.conversations();
    }

    @PreDestroy
    void close() {
        long left = outboxes.pendingEvents();
        if (left > 0) {
            LOG.infof("shutting down with %d event(s) of %d conversation(s) not published", left,
                    outboxes.conversations());
        }
    }
}
