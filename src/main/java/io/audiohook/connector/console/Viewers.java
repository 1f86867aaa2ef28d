package io.audiohook.connector.console;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The browsers watching this instance's console, at most {@code max}. Messages are rendered once and offered to
 * each viewer that wants them; nothing is done at all while nobody watches.
 */
public final class Viewers {
    private final int max;
    private final int queue;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();

    public Viewers(int max, int queue) {
        this.max = max;
        this.queue = queue;
    }

    /** A new viewer, or empty when {@code max} already watch. */
    public synchronized Optional<Viewer> join(Optional<String> selected) {
        if (viewers.size() >= max) {
            return Optional.empty();
        }
        Viewer viewer = new Viewer(selected, queue);
        viewers.add(viewer);
        return Optional.of(viewer);
    }

    public void leave(Viewer viewer) {
        viewers.remove(viewer);
        dropped.addAndGet(viewer.dropped());
    }

    public boolean anyone() {
        return !viewers.isEmpty();
    }

    /** Whether someone watches this session's events: only then are they rendered. */
    public boolean watching(String sessionId) {
        for (Viewer viewer : viewers) {
            if (viewer.watches(sessionId)) {
                return true;
            }
        }
        return false;
    }

    /** To the viewers of one session. */
    public void send(String sessionId, String message) {
        for (Viewer viewer : viewers) {
            if (viewer.watches(sessionId)) {
                viewer.offer(message);
            }
        }
    }

    /** To every viewer. */
    public void broadcast(String message) {
        for (Viewer viewer : viewers) {
            viewer.offer(message);
        }
    }

    public List<Viewer> all() {
        return List.copyOf(viewers);
    }

    public int count() {
        return viewers.size();
    }

    /** Messages dropped for viewers that were behind, those gone included. */
    public long dropped() {
        long total = dropped.get();
        for (Viewer viewer : viewers) {
            total += viewer.dropped();
        }
        return total;
    }
}
