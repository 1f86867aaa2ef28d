package io.audiohook.connector.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.audiohook.connector.retry.Backoff;

/**
 * What waits to be written to Redis, per conversation: envelopes for the UI connector (they wait for a desktop to
 * join, or for Redis) and transcript lines (they wait only for Redis), with every bound and every drop counted by
 * reason: age, events per conversation, conversations, bytes in all, transcript lines. No I/O here: the Redis
 * writer asks what to send next and reports each outcome; one tick expires old events and says which
 * conversations are due again and which still wait for their desktop.
 *
 * <p>Thread-safe: each conversation's outbox is guarded by itself; the totals are atomics. At most one batch per
 * conversation and lane is out at a time, and a failed one returns to the front, so nothing overtakes.
 */
final class Outboxes {
    private final PublishSettings.Outbox bounds;
    private final PublishSettings.Transcript transcript;
    private final PublishStats stats;
    private final LongSupplier nanoTime;
    private final Backoff retry;
    private final Map<String, ConversationOutbox> outboxes = new ConcurrentHashMap<>();
    /** Outboxes that could not make progress on their own: waiting for a key, or backing off after a failure. */
    private final Set<ConversationOutbox> parked = ConcurrentHashMap.newKeySet();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();

    /** Conversations to drain now, and those whose desktop is to be looked for. */
    record Due(List<ConversationOutbox> ready, List<ConversationOutbox> awaitingDesktop) {
    }

    Outboxes(PublishSettings.Outbox bounds, PublishSettings.Transcript transcript, PublishStats stats,
            LongSupplier nanoTime) {
        this.bounds = bounds;
        this.transcript = transcript;
        this.stats = stats;
        this.nanoTime = nanoTime;
        this.retry = Backoff.exponential(bounds.retryInitial(), bounds.retryMax());
    }

    // ------------------------------------------------------------------ intake

    /** @return the outbox to drain now, or null when the event was dropped (and counted) */
    ConversationOutbox offer(String key, PendingEvent event, Optional<TranscriptRecord> line) {
        long lineBytes = line.map(TranscriptRecord::bytes).orElse(0L);
        for (;;) {
            ConversationOutbox box = outboxes.get(key);
            if (box == null) {
                if (outboxes.size() >= bounds.maxConversations()) {
                    stats.dropped(DropReason.CONVERSATIONS, 1 + (line.isPresent() ? 1 : 0));
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
                keepNewestWaiting(box);
                if (line.isPresent()) {
                    box.transcript.add(line.get());
                    pendingBytes.addAndGet(lineBytes);
                    keepNewestLines(box);
                }
                return box;
            }
        }
    }

    // ------------------------------------------------------------------ envelopes

    /** The next batch to publish, or null: none waits, one is out, or the desktop or a retry is awaited. */
    List<PendingEvent> nextEvents(ConversationOutbox box) {
        synchronized (box) {
            if (box.awaitingDesktop || !box.events.ready(nanoTime.getAsLong())) {
                return null;
            }
            return box.events.take(bounds.batch());
        }
    }

    /** Redis took the batch; {@code receivers} UI-connector instances listened. */
    void eventsPublished(ConversationOutbox box, List<PendingEvent> batch, long receivers) {
        long now = nanoTime.getAsLong();
        long bytes = 0;
        for (PendingEvent event : batch) {
            stats.published(event.receivedNanos(), now);
            bytes += event.bytes();
        }
        pendingEvents.addAndGet(-batch.size());
        pendingBytes.addAndGet(-bytes);
        if (receivers == 0) {
            stats.noReceivers(batch.size());
        }
        synchronized (box) {
            box.events.succeeded();
        }
    }

    /** No desktop has joined (no key): the batch goes back and waits for the shared poll to see the key. */
    void eventsWaitForDesktop(ConversationOutbox box, List<PendingEvent> batch) {
        synchronized (box) {
            box.events.putBack(batch);
            box.awaitingDesktop = true;
            keepNewestWaiting(box);
        }
        parked.add(box);
    }

    void eventsFailed(ConversationOutbox box, List<PendingEvent> batch) {
        synchronized (box) {
            box.events.failed(batch, nanoTime.getAsLong(), retry);
            keepNewestWaiting(box);
        }
        parked.add(box);
    }

    /**
     * The bound is on events that wait, not on a batch out to Redis: that batch may yet be delivered, so while it is
     * out a new event is kept (counting it against the bound would drop the newest: the completion of a call whose
     * whole bound was out, say), and if the batch comes back its oldest go instead. A conversation holds at most
     * {@code max-events} waiting plus one batch out. Caller holds the box's lock.
     */
    private void keepNewestWaiting(ConversationOutbox box) {
        while (box.events.waiting() > bounds.maxEvents()) {
            forget(box.events.dropOldest(), DropReason.COUNT);
        }
    }

    /** The shared poll saw the conversation's key: its events go out on the next drain. */
    void desktopJoined(ConversationOutbox box) {
        synchronized (box) {
            box.awaitingDesktop = false;
        }
    }

    // ------------------------------------------------------------------ transcript lines

    List<TranscriptRecord> nextLines(ConversationOutbox box, int max) {
        synchronized (box) {
            return box.transcript.ready(nanoTime.getAsLong()) ? box.transcript.take(max) : null;
        }
    }

    void linesWritten(ConversationOutbox box, List<TranscriptRecord> batch) {
        long bytes = 0;
        for (TranscriptRecord line : batch) {
            bytes += line.bytes();
        }
        pendingBytes.addAndGet(-bytes);
        stats.transcriptLines(batch.size());
        synchronized (box) {
            box.transcript.succeeded();
        }
    }

    void linesFailed(ConversationOutbox box, List<TranscriptRecord> batch) {
        synchronized (box) {
            box.transcript.failed(batch, nanoTime.getAsLong(), retry);
            keepNewestLines(box);
        }
        parked.add(box);
    }

    /** As {@link #keepNewestWaiting} for the transcript's own bound. Caller holds the box's lock. */
    private void keepNewestLines(ConversationOutbox box) {
        while (box.transcript.waiting() > transcript.maxPending()) {
            pendingBytes.addAndGet(-box.transcript.dropOldest().bytes());
            stats.dropped(DropReason.TRANSCRIPT, 1);
        }
    }

    // ------------------------------------------------------------------ the shared tick

    /** Expires old events; says which parked conversations are due again and which wait for their desktop. */
    Due tick() {
        long now = nanoTime.getAsLong();
        long maxAge = bounds.maxAge().toNanos();
        List<ConversationOutbox> awaiting = new ArrayList<>();
        List<ConversationOutbox> due = new ArrayList<>();
        for (ConversationOutbox box : parked) {
            synchronized (box) {
                while (box.events.peekOldest() != null && now - box.events.peekOldest().enqueuedNanos() > maxAge) {
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
        return new Due(due, awaiting);
    }

    /** Forgets the conversation's outbox once nothing of it waits or is out. */
    void retireIfIdle(ConversationOutbox box) {
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

    private void forget(PendingEvent event, DropReason reason) {
        if (event != null) {
            pendingEvents.decrementAndGet();
            pendingBytes.addAndGet(-event.bytes());
            stats.dropped(reason, 1);
        }
    }

    // ------------------------------------------------------------------ observation

    long pendingEvents() {
        return pendingEvents.get();
    }

    long pendingBytes() {
        return pendingBytes.get();
    }

    int conversations() {
        return outboxes.size();
    }

    /** Events of one conversation (its key) waiting or out. */
    int pendingEvents(String key) {
        ConversationOutbox box = outboxes.get(key);
        if (box == null) {
            return 0;
        }
        synchronized (box) {
            return box.events.size();
        }
    }
}
