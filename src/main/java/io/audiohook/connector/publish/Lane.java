package io.audiohook.connector.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.audiohook.connector.retry.Backoff;

/**
 * An ordered queue with at most one batch in flight; a failed batch goes back to the front, so nothing ever
 * overtakes an earlier item. Not thread-safe: its {@link ConversationOutbox} guards it.
 */
final class Lane<T> {
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean busy;
    private int failures;
    private long retryAtNanos;

    void add(T item) {
        queue.addLast(item);
    }

    /** Waiting items plus those in flight. */
    int size() {
        return queue.size() + inFlight;
    }

    /** Items not in flight. */
    int waiting() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    T peekOldest() {
        return queue.peekFirst();
    }

    /** Removes the oldest item that is not in flight. */
    T dropOldest() {
        return queue.pollFirst();
    }

    boolean isIdle() {
        return !busy && queue.isEmpty();
    }

    boolean busy() {
        return busy;
    }

    boolean ready(long now) {
        return !busy && !queue.isEmpty() && (failures == 0 || now - retryAtNanos >= 0);
    }

    boolean backingOff(long now) {
        return failures > 0 && now - retryAtNanos < 0;
    }

    List<T> take(int max) {
        List<T> batch = new ArrayList<>(Math.min(max, queue.size()));
        while (batch.size() < max && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
        }
        busy = true;
        inFlight = batch.size();
        return batch;
    }

    void succeeded() {
        busy = false;
        inFlight = 0;
        failures = 0;
    }

    /** The batch was not delivered and is not to be retried before something else changes (no key yet). */
    void putBack(List<T> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            queue.addFirst(batch.get(i));
        }
        busy = false;
        inFlight = 0;
    }

    /** @return the consecutive failures so far */
    int failed(List<T> batch, long now, Backoff backoff) {
        putBack(batch);
        failures++;
        retryAtNanos = now + backoff.delayNanos(failures);
        return failures;
    }
}
