package io.audiohook.connector.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Google's {@code AnalyzeContentOperationsPerMinutePerProject}: every StreamingAnalyzeContent stream a project
 * opens counts, and once a minute holds the limit further streams are refused with {@code RESOURCE_EXHAUSTED}
 * until the oldest one leaves the window. A refused stream does not count. The window slides: a quota that
 * refills on minute boundaries would be more lenient around them, never stricter.
 *
 * <p>Bounded: the window of a project holds at most the highest limit of the last minute, and at most {@link #MAX_PROJECTS}
 * projects are tracked (the emulator serves one profile; more projects only come from malformed names).
 */
final class StreamQuota {
    static final long WINDOW_NANOS = 60_000_000_000L;
    static final int MAX_PROJECTS = 64;

    private final IntSupplier limit;
    private final Map<String, Deque<Long>> opened = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > MAX_PROJECTS;
        }
    };

    /** @param limit streams per minute and project, read at every check so it can change at run time */
    StreamQuota(IntSupplier limit) {
        this.limit = limit;
    }

    /** @return true, and the stream counted, if the project may open one more stream at {@code nowNanos} */
    synchronized boolean tryAcquire(String project, long nowNanos) {
        Deque<Long> window = opened.computeIfAbsent(project, p -> new ArrayDeque<>());
        while (!window.isEmpty() && nowNanos - window.peekFirst() >= WINDOW_NANOS) {
            window.removeFirst();
        }
        if (window.size() >= limit.getAsInt()) {
            return false;
        }
        window.addLast(nowNanos);
        return true;
    }

    /** Streams the project opened in the last minute. */
    synchronized int used(String project, long nowNanos) {
        Deque<Long> window = opened.get(project);
        if (window == null) {
            return 0;
        }
        return (int) window.stream().filter(t -> nowNanos - t < WINDOW_NANOS).count();
    }

    synchronized void clear() {
        opened.clear();
    }
}
