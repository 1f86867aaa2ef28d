package io.audiohook.connector.assist;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the timer of the assist layer, so that its state machines run the same in production (one shared
 * scheduler) and in unit tests (a clock the test moves).
 */
public interface Timers {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code task} once after {@code delayNanos}; tasks must be short and must not block. */
    Timer schedule(Runnable task, long delayNanos);

    /** A scheduled task. */
    interface Timer {
        /** Harmless once the task ran. */
        void cancel();
    }

    /** The production timers: the connector's one scheduler and {@link System#nanoTime()}. */
    static Timers of(ScheduledExecutorService scheduler) {
        return new Timers() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(Runnable task, long delayNanos) {
                ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
