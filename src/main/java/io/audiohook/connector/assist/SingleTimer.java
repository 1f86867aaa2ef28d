package io.audiohook.connector.assist;

/**
 * At most one pending task of a kind (the next stream's open, the next setup attempt): scheduling again cancels
 * the pending one first, so two retries are never scheduled at once.
 *
 * <p>Threading: not thread-safe; its owner's monitor guards it. The task runs on a timer thread and takes that
 * monitor itself.
 */
final class SingleTimer {
    private final Timers timers;
    private Timers.Timer pending;

    SingleTimer(Timers timers) {
        this.timers = timers;
    }

    /** Cancels the pending task, if any, and schedules {@code task} after {@code delayNanos}. */
    void schedule(Runnable task, long delayNanos) {
        cancel();
        pending = timers.schedule(task, delayNanos);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    /** Called by the task when it runs: nothing is pending any more, and nothing is cancelled. */
    void ran() {
        pending = null;
    }
}
