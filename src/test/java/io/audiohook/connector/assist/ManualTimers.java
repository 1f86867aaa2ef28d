package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that only moves when the test says so, and the timers that go off as it moves. */
public final class ManualTimers implements Timers {
    private long now = 1_000_000_000L;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Timer {
        final long due;
        final long order = sequence++;
        final Runnable work;
        boolean cancelled;

        Task(long due, Runnable work) {
            this.due = due;
            this.work = work;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Timer schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + Math.max(0, delayNanos), task);
        tasks.add(t);
        return t;
    }

    /** Runs what is due now (timers at zero delay included). */
    public void runDue() {
        advance(0);
    }

    /** Moves the clock, running every task that falls due on the way, in order. */
    public void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled && t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = target;
                    tasks.removeIf(t -> t.cancelled);
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            }
            next.work.run();
        }
    }

    public void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }

    synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
}
