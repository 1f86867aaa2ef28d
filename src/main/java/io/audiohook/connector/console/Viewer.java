package io.audiohook.connector.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser watching the console: what it watches (every call's state, plus one call's events if it selected
 * one), and the messages waiting for it. Producers (a call's threads) only offer, never wait: beyond the bound a
 * message is dropped, counted, and the viewer is told to catch up ({@link #takeLag()}) on its next delivery, so a
 * slow or vanished browser never slows a call.
 */
public final class Viewer {
    private final Optional<String> selected;
    private final int capacity;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean lagged;

    /** @param selected the session whose events it wants, if any */
    public Viewer(Optional<String> selected, int capacity) {
        this.selected = selected;
        this.capacity = capacity;
    }

    public Optional<String> selected() {
        return selected;
    }

    boolean watches(String sessionId) {
        return selected.isPresent() && selected.get().equals(sessionId);
    }

    /** @return false if it was dropped: the viewer is behind */
    public boolean offer(String message) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            lagged = true;
            return false;
        }
        queue.add(message);
        return true;
    }

    /** Up to {@code max} waiting messages, oldest first. */
    public List<String> drain(int max) {
        List<String> messages = new ArrayList<>(Math.min(max, Math.max(0, size.get())));
        String message;
        while (messages.size() < max && (message = queue.poll()) != null) {
            size.decrementAndGet();
            messages.add(message);
        }
        return messages;
    }

    /** True once after messages were dropped: the viewer should be sent what it missed as a whole. */
    public boolean takeLag() {
        if (!lagged) {
            return false;
        }
        lagged = false;
        return true;
    }

    public int dropped() {
        return dropped.get();
    }

    public int waiting() {
        return size.get();
    }
}
