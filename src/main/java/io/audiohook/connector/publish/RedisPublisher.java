package io.audiohook.connector.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.retry.Backoff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Publishes Agent Assist events to Redis exactly as Google's Pub/Sub interceptor does for the UI connector, and
 * appends final utterances to a per-conversation transcript stream.
 * <p>
 * {@link #publish} only renders the event and queues it in its conversation's outbox; Redis work runs on the
 * Vert.x event loop through the reactive client. Per conversation one command is in flight at a time and a failed
 * batch returns to the front, so events reach the desktop in order also across Redis outages. Events of a
 * conversation no desktop has joined yet (no key) wait, bounded by age, count, conversations and bytes; one shared
 * timer checks the keys of all waiting conversations with a single {@code MGET} and retries failed commands.
 */
@Singleton
public class RedisPublisher {
    private static final Logger LOG = Logger.getLogger(RedisPublisher.class);
    /**
     * GET and PUBLISH in one atomic round trip: the instance id is read for every batch (a reloaded desktop may have
     * moved to another UI-connector instance), and a key deleted between the two cannot send events to a dead channel.
     */
    static final String PUBLISH_SCRIPT = """
            local id = redis.call('GET', KEYS[1])
            if not id then return -1 end
            local channel = id .. ':' .. KEYS[1]
            local receivers = 0
            for i = 1, #ARGV do
              receivers = receivers + redis.call('PUBLISH', channel, ARGV[i])
            end
            return receivers
            """;
    private static final String PUBLISH_SHA = sha1(PUBLISH_SCRIPT);
    private static final int MGET_CHUNK = 256;
    private static final int TRANSCRIPT_BATCH = 32;
    /**
     * A command without an answer counts as failed (and is retried) after this long, so a Redis that vanished
     * without closing the connection cannot hold a conversation's lane forever. A late success then duplicates.
     */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final RedisStatus status;
    private final PublishSettings.Outbox bounds;
    private final PublishSettings.Transcript transcriptConfig;
    private final String keyPrefix;
    private final PublishStats stats;
    private final MessageIds ids = new MessageIds();
    private final TranscriptLines lines = new TranscriptLines();
    private final Map<String, ConversationOutbox> outboxes = new ConcurrentHashMap<>();
    /** Outboxes that could not make progress on their own: waiting for a key, or backing off after a failure. */
    private final Set<ConversationOutbox> parked = ConcurrentHashMap.newKeySet();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();
    private final long maxAgeNanos;
    private final Backoff retry;
    private final Vertx vertx;
    private final long timer;
    /** Poll rounds still running: a slow Redis must not pile them up. */
    private final AtomicLong pollsInFlight = new AtomicLong();
    private volatile boolean warnedDown;

    RedisPublisher(ReactiveRedisDataSource redis, RedisStatus status, PublishSettings config, MeterRegistry registry,
            Vertx vertx) {
        this.redis = redis;
        this.status = status;
        this.bounds = config.outbox();
        this.transcriptConfig = config.transcript();
        this.keyPrefix = config.keyPrefix();
        this.stats = new PublishStats(registry);
        this.maxAgeNanos = bounds.maxAge().toNanos();
        this.retry = Backoff.exponential(bounds.retryInitial(), bounds.retryMax());
        this.vertx = vertx;
        Gauge.builder("audiohook.publish.outbox.events", pendingEvents, AtomicLong::get)
                .description("events waiting for a desktop or for Redis").register(registry);
        Gauge.builder("audiohook.publish.outbox.bytes", pendingBytes, AtomicLong::get)
                .description("estimated heap held by waiting events and transcript lines").register(registry);
        Gauge.builder("audiohook.publish.outbox.conversations", outboxes, Map::size).register(registry);
        this.timer = vertx.setPeriodic(Math.max(10, bounds.pollInterval().toMillis()), id -> tick());
    }

    // ------------------------------------------------------------------ intake (any thread, never blocks)

    /** Queues the event for the UI connector (and its transcript line) and returns at once. */
    public void publish(AssistEvent event) {
        PendingEvent pending;
        try {
            pending = new PendingEvent(Notification.of(event), Instant.now(), ids.next(), event.receivedNanos(),
                    System.nanoTime());
        } catch (RuntimeException e) {
            stats.dropped(DropReason.RENDER, 1);
            LOG.errorf("cannot render a %s event: %s", event.getClass().getSimpleName(), e.toString());
            return;
        }
        Optional<TranscriptEntry> line = transcriptConfig.enabled() ? lines.line(event) : Optional.empty();
        String key = ConversationKeys.withoutLocation(event.conversationName());
        ConversationOutbox box = enqueue(key, pending, line);
        if (box != null) {
            drain(box);
        }
    }

    private ConversationOutbox enqueue(String key, PendingEvent event, Optional<TranscriptEntry> line) {
        long lineBytes = line.map(RedisPublisher::bytes).orElse(0L);
        for (;;) {
            ConversationOutbox box = outboxes.get(key);
            if (box == null) {
                if (outboxes.size() >= bounds.maxConversations()) {
                    stats.dropped(DropReason.CONVERSATIONS, 1);
                    line.ifPresent(l -> stats.dropped(DropReason.CONVERSATIONS, 1));
                    return null;
                }
                box = outboxes.computeIfAbsent(key, ConversationOutbox::new);
            }
            synchronized (box) {
                if (box.retired) {
                    continue;
                }
                if (pendingBytes.get() + event.bytes() + lineBytes > bounds.maxBytes()) {
                    stats.dropped(DropReason.MEMORY, 1 + (line.isPresent() ? 1 : 0));
                    if (box.isIdle()) {
                        retire(box);
                    }
                    return null;
                }
                box.events.add(event);
                pendingEvents.incrementAndGet();
                pendingBytes.addAndGet(event.bytes());
                while (box.events.size() > bounds.maxEvents() && box.events.peekOldest() != null) {
                    forget(box.events.dropOldest(), DropReason.COUNT);
                }
                if (line.isPresent()) {
                    box.transcript.add(line.get());
                    pendingBytes.addAndGet(lineBytes);
                    while (box.transcript.size() > transcriptConfig.maxPending() && box.transcript.peekOldest() != null) {
                        pendingBytes.addAndGet(-bytes(box.transcript.dropOldest()));
                        stats.dropped(DropReason.TRANSCRIPT, 1);
                    }
                }
                return box;
            }
        }
    }

    // ------------------------------------------------------------------ draining (one command per lane in flight)

    private void drain(ConversationOutbox box) {
        publishNext(box);
        writeNext(box);
    }

    private void publishNext(ConversationOutbox box) {
        List<PendingEvent> batch;
        synchronized (box) {
            if (box.awaitingDesktop || !box.events.ready(System.nanoTime())) {
                return;
            }
            batch = box.events.take(bounds.batch());
        }
        Instant ack = Instant.now();
        String[] args = new String[3 + batch.size()];
        args[0] = PUBLISH_SHA;
        args[1] = "1";
        args[2] = box.key;
        for (int i = 0; i < batch.size(); i++) {
            args[3 + i] = batch.get(i).envelope(box.key, ack);
        }
        redis.execute(Command.EVALSHA, args)
                .onFailure(RedisPublisher::noScript).recoverWithUni(() -> {
                    args[0] = PUBLISH_SCRIPT;
                    return redis.execute(Command.EVAL, args);
                })
                .ifNoItem().after(COMMAND_TIMEOUT).fail()
                .subscribe().with(reply -> published(box, batch, reply), error -> publishFailed(box, batch, error));
    }

    private void published(ConversationOutbox box, List<PendingEvent> batch, Response reply) {
        redisUp();
        long receivers = reply == null ? -1 : reply.toLong();
        if (receivers < 0) {
            synchronized (box) {
                box.events.putBack(batch);
                box.awaitingDesktop = true;
            }
            parked.add(box);
            return;
        }
        long now = System.nanoTime();
        long bytes = 0;
        for (PendingEvent event : batch) {
            stats.published(event.receivedNanos(), now);
            bytes += event.bytes();
        }
        pendingEvents.addAndGet(-batch.size());
        pendingBytes.addAndGet(-bytes);
        if (receivers == 0) {
            stats.noReceivers(batch.size());
            LOG.debugf("%d event(s) of %s published with no UI connector listening (its instance gone?)",
                    batch.size(), box.key);
        }
        synchronized (box) {
            box.events.succeeded();
        }
        publishNext(box);
        retireIfIdle(box);
    }

    private void publishFailed(ConversationOutbox box, List<PendingEvent> batch, Throwable error) {
        redisDown(error);
        synchronized (box) {
            box.events.failed(batch, System.nanoTime(), retry);
        }
        parked.add(box);
    }

    private void writeNext(ConversationOutbox box) {
        List<TranscriptEntry> batch;
        synchronized (box) {
            if (!box.transcript.ready(System.nanoTime())) {
                return;
            }
            batch = box.transcript.take(TRANSCRIPT_BATCH);
        }
        String stream = ConversationKeys.transcript(keyPrefix, box.key);
        List<Request> requests = new ArrayList<>(batch.size() + 1);
        for (TranscriptEntry line : batch) {
            Request xadd = Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~")
                    .arg(transcriptConfig.maxLength()).arg("*");
            line.fields().forEach((field, value) -> xadd.arg(field).arg(value));
            requests.add(xadd);
        }
        requests.add(Request.cmd(Command.EXPIRE).arg(stream).arg(Math.max(1, transcriptConfig.retention().toSeconds())));
        redis.getRedis().batch(requests)
                .ifNoItem().after(COMMAND_TIMEOUT).fail()
                .subscribe().with(replies -> written(box, batch), error -> writeFailed(box, batch, error));
    }

    private void written(ConversationOutbox box, List<TranscriptEntry> batch) {
        redisUp();
        long bytes = 0;
        for (TranscriptEntry line : batch) {
            bytes += bytes(line);
        }
        pendingBytes.addAndGet(-bytes);
        stats.transcriptLines(batch.size());
        synchronized (box) {
            box.transcript.succeeded();
        }
        writeNext(box);
        retireIfIdle(box);
    }

    private void writeFailed(ConversationOutbox box, List<TranscriptEntry> batch, Throwable error) {
        redisDown(error);
        synchronized (box) {
            box.transcript.failed(batch, System.nanoTime(), retry);
        }
        parked.add(box);
    }

    // ------------------------------------------------------------------ the shared timer

    /** Expires old events, retries what backed off long enough, and looks for the keys of waiting conversations. */
    void tick() {
        long now = System.nanoTime();
        List<ConversationOutbox> awaiting = new ArrayList<>();
        List<ConversationOutbox> due = new ArrayList<>();
        for (ConversationOutbox box : parked) {
            synchronized (box) {
                while (box.events.peekOldest() != null && now - box.events.peekOldest().enqueuedNanos() > maxAgeNanos) {
                    forget(box.events.dropOldest(), DropReason.AGE);
                }
                boolean publishWaits = !box.events.isEmpty() && (box.awaitingDesktop || box.events.backingOff(now));
                boolean writeWaits = !box.transcript.isEmpty() && box.transcript.backingOff(now);
                if (box.events.isEmpty()) {
                    box.awaitingDesktop = false;
                }
                if (box.awaitingDesktop && !box.events.isEmpty() && !box.events.busy()) {
                    awaiting.add(box);
                }
                if (!publishWaits && !writeWaits) {
                    parked.remove(box);
                    due.add(box);
                } else if (box.transcript.ready(now) || !box.awaitingDesktop && box.events.ready(now)) {
                    due.add(box);
                }
            }
        }
        for (ConversationOutbox box : due) {
            drain(box);
            retireIfIdle(box);
        }
        if (!awaiting.isEmpty() && pollsInFlight.get() == 0) {
            for (int from = 0; from < awaiting.size(); from += MGET_CHUNK) {
                poll(awaiting.subList(from, Math.min(awaiting.size(), from + MGET_CHUNK)));
            }
        }
    }

    private void poll(List<ConversationOutbox> boxes) {
        String[] keys = boxes.stream().map(b -> b.key).toArray(String[]::new);
        pollsInFlight.incrementAndGet();
        redis.execute(Command.MGET, keys).ifNoItem().after(COMMAND_TIMEOUT).fail().subscribe().with(reply -> {
            pollsInFlight.decrementAndGet();
            redisUp();
            for (int i = 0; i < boxes.size(); i++) {
                if (reply.get(i) != null) {
                    ConversationOutbox box = boxes.get(i);
                    synchronized (box) {
                        box.awaitingDesktop = false;
                    }
                    LOG.debugf("a desktop joined %s: delivering what waited", box.key);
                    drain(box);
                }
            }
        }, error -> {
            pollsInFlight.decrementAndGet();
            redisDown(error);
        });
    }

    // ------------------------------------------------------------------ bookkeeping

    private void forget(PendingEvent event, DropReason reason) {
        if (event != null) {
            pendingEvents.decrementAndGet();
            pendingBytes.addAndGet(-event.bytes());
            stats.dropped(reason, 1);
        }
    }

    private void retireIfIdle(ConversationOutbox box) {
        synchronized (box) {
            if (box.isIdle() && !box.retired) {
                retire(box);
            }
        }
    }

    /** Caller holds the box's lock. */
    private void retire(ConversationOutbox box) {
        box.retired = true;
        outboxes.remove(box.key, box);
        parked.remove(box);
    }

    private void redisUp() {
        status.succeeded();
        if (warnedDown) {
            warnedDown = false;
            LOG.info("Redis answers again: waiting events flow");
        }
    }

    private void redisDown(Throwable error) {
        stats.failure();
        status.failed(error);
        if (!warnedDown) {
            warnedDown = true;
            LOG.warnf("Redis command failed (%s): events wait and are retried with backoff", error.toString());
        } else {
            LOG.debugf("Redis command failed: %s", error.toString());
        }
    }

    private static boolean noScript(Throwable error) {
        return String.valueOf(error.getMessage()).startsWith("NOSCRIPT");
    }

    private static long bytes(TranscriptEntry line) {
        return line.text().length() + line.participant().length() + line.messageName().length() + 256L;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublishStats stats() {
        return stats;
    }

    /** Events waiting for a desktop or for Redis. */
    public long pendingEvents() {
        return pendingEvents.get();
    }

    public long pendingBytes() {
        return pendingBytes.get();
    }

    /** Events of one conversation (full or location-less name) waiting for a desktop or for Redis. */
    public int pendingEvents(String conversationName) {
        ConversationOutbox box = outboxes.get(ConversationKeys.withoutLocation(conversationName));
        if (box == null) {
            return 0;
        }
        synchronized (box) {
            return box.events.size();
        }
    }

    /** Conversations with something still to write. */
    public int pendingConversations() {
        return outboxes.size();
    }

    @PreDestroy
    void close() {
        vertx.cancelTimer(timer);
        long left = pendingEvents.get();
        if (left > 0) {
            LOG.infof("shutting down with %d event(s) of %d conversation(s) not published", left, outboxes.size());
        }
    }
}
