package io.audiohook.connector.assist;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Conversations whose session ended without {@code end}: each is completed when its grace expires unless a new
 * session for it cancels that first. Bounded: beyond {@code capacity}, the oldest is completed at once.
 */
final class PendingCompletions {
    private final int capacity;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> complete;
    private final Map<String, ScheduledFuture<?>> pending = new LinkedHashMap<>();
    private final AtomicLong completedEarly = new AtomicLong();

    PendingCompletions(int capacity, ScheduledExecutorService scheduler, Consumer<String> complete) {
        this.capacity = capacity;
        this.scheduler = scheduler;
        this.complete = complete;
    }

    void schedule(String conversationName, long delayMillis) {
        String evicted = null;
        synchronized (this) {
            ScheduledFuture<?> previous = pending.remove(conversationName);
            if (previous != null) {
                previous.cancel(false);
            }
            pending.put(conversationName, scheduler.schedule(() -> expire(conversationName), delayMillis,
                    TimeUnit.MILLISECONDS));
            if (pending.size() > capacity) {
                Iterator<Map.Entry<String, ScheduledFuture<?>>> oldest = pending.entrySet().iterator();
                Map.Entry<String, ScheduledFuture<?>> entry = oldest.next();
                oldest.remove();
                entry.getValue().cancel(false);
                evicted = entry.getKey();
            }
        }
        if (evicted != null) {
            completedEarly.incrementAndGet();
            complete.accept(evicted);
        }
    }

    /** @return true if a completion was pending and will no longer happen */
    boolean cancel(String conversationName) {
        ScheduledFuture<?> timer;
        synchronized (this) {
            timer = pending.remove(conversationName);
        }
        return timer != null && timer.cancel(false);
    }

    synchronized boolean isPending(String conversationName) {
        return pending.containsKey(conversationName);
    }

    synchronized int size() {
        return pending.size();
    }

    /** Conversations completed before their grace because the map was full. */
    long completedEarly() {
        return completedEarly.get();
    }

    private void expire(String conversationName) {
        synchronized (this) {
            if (pending.remove(conversationName) == null) {
                return;
            }
        }
        complete.accept(conversationName);
    }
}
