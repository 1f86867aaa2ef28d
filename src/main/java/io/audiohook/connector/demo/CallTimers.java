package io.audiohook.connector.demo;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A call's timers on the caller's shared scheduler: the frame ticker, the pinger and the deadline of the step
 * it waits for. Used under the call's lock.
 */
final class CallTimers {
    /** Genesys' reference client: the first ping a second after opened, then every 5 s. */
    static final Duration FIRST_PING = Duration.ofSeconds(1);
    static final Duration PING_EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler;
    private final Consumer<RuntimeException> onFailure;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> deadline;

    /** @param onFailure what a timer task that threw does instead (a throwing periodic task stops silently) */
    CallTimers(ScheduledExecutorService scheduler, Consumer<RuntimeException> onFailure) {
        this.scheduler = scheduler;
        this.onFailure = onFailure;
    }

    /** One frame of audio per tick at a fixed rate (no drift), and the pings. */
    void stream(Runnable tick, Runnable ping) {
        ticker = scheduler.scheduleAtFixedRate(guarded(tick), 0, Recording.FRAME.toNanos(), TimeUnit.NANOSECONDS);
        pinger = scheduler.scheduleAtFixedRate(guarded(ping), FIRST_PING.toNanos(), PING_EVERY.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Replaces the deadline of the previous step. */
    void deadline(Duration after, Runnable expired) {
        cancel(deadline);
        deadline = scheduler.schedule(guarded(expired), after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs the task after a while, or now when the caller is closed and its scheduler gone. */
    void later(Duration after, Runnable task) {
        try {
            scheduler.schedule(guarded(task), after.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    void clearDeadline() {
        cancel(deadline);
    }

    void stopStreaming() {
        cancel(ticker);
        cancel(pinger);
    }

    void cancelAll() {
        stopStreaming();
        clearDeadline();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        };
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
