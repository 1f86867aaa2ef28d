package io.audiohook.connector.bench;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load client's churn mode ({@code --call-seconds}): every slot places consecutive calls of about the given
 * length, each ended with {@code close}/{@code end}, the next placed as soon as the previous one is closed. Keeps the
 * calls' lengths (jittered by default, so that the slots do not end their calls in step), the count of calls completed
 * and failed, and what is still starting or ending, so that the end of the run can wait for it. With {@code oneCallEach}
 * every slot places one call only (the call cost benchmark: N calls of S seconds, no next call, no retry). Thread-safe.
 */
final class CallChurn {
    /** Each call lasts the nominal length ± this fraction, uniformly. */
    static final double JITTER = 0.2;

    private final long callNanos;
    private final double jitter;
    private final boolean oneCallEach;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    CallChurn(int callSeconds) {
        this(callSeconds, JITTER, false);
    }

    /** @param jitter each call lasts the nominal length ± this fraction, uniformly (0: exactly the nominal length) */
    CallChurn(int callSeconds, double jitter, boolean oneCallEach) {
        if (callSeconds <= 0) {
            throw new IllegalArgumentException("a call lasts at least a second");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("the jitter is a fraction in [0, 1)");
        }
        this.callNanos = TimeUnit.SECONDS.toNanos(callSeconds);
        this.jitter = jitter;
        this.oneCallEach = oneCallEach;
    }

    /** The length of the next call, in [1 - jitter, 1 + jitter] × the nominal length. */
    long nextCallNanos() {
        return (long) (callNanos * (1 - jitter + 2 * jitter * ThreadLocalRandom.current().nextDouble()));
    }

    /** Whether a slot whose call ended (or could not start) places another one. */
    boolean placesNext() {
        return !stopped && !oneCallEach;
    }

    /** From now on no slot places another call. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** A call being placed or ended: {@link #awaitQuiet} waits for it. */
    <T> CompletableFuture<T> track(CompletableFuture<T> step) {
        inFlight.add(step);
        step.whenComplete((v, e) -> inFlight.remove(step));
        return step;
    }

    void completed() {
        completed.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    int callsCompleted() {
        return completed.get();
    }

    int callsFailed() {
        return failed.get();
    }

    /** Waits (bounded) until no call is being placed or ended; calls placed meanwhile are waited for too. */
    boolean awaitQuiet(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!inFlight.isEmpty()) {
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
