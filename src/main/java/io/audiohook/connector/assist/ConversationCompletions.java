package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.audiohook.connector.assist.ConversationLedger.Hold;
import io.audiohook.connector.assist.ConversationLedger.Release;

/**
 * This instance's side of the {@link ConversationLedger}: it records the holds of its live sessions and renews them,
 * lets them go when sessions end, and once per tick claims the conversations that are due and completes them.
 *
 * <p>The ledger may be unreachable (Redis down). A hold that could not be recorded is recorded again with the next
 * tick's renewal; a release or a forget is retried each tick until the ledger answers. A decision is therefore late,
 * never made twice: a session's end decided after its lease lapsed completes the conversation only if no other
 * instance claimed it meanwhile. The retries are bounded ({@code maxRetries}); the oldest is given up beyond (its
 * lease lapses on its own and the conversation becomes due for whoever claims it), counted and a WARN.
 */
final class ConversationCompletions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConversationCompletions.class);
    /** Conversations claimed per tick at most: a backlog (after an outage) is worked off over a few ticks. */
    static final int CLAIMS_PER_TICK = 50;

    private final ConversationLedger ledger;
    private final Timers timers;
    private final long tickNanos;
    private final long renewNanos;
    private final int maxRetries;
    private final Consumer<String> completeClaimed;
    /** This instance's live holds, by session id. */
    private final Map<String, Hold> holds = new LinkedHashMap<>();
    private final Deque<LedgerRetry> retries = new ArrayDeque<>();
    private final AtomicLong ledgerFailures = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong claimed = new AtomicLong();
    private long lastRenewNanos;
    private boolean renewSoon;
    private boolean renewing;
    private boolean claiming;
    private boolean unreachable;
    private boolean warnedGiveUp;
    private boolean closed;
    private Timers.Timer tick;

    /**
     * @param tick            how often due conversations are claimed and failed operations retried
     * @param renew           how often the leases of live sessions are renewed (well within their lease)
     * @param maxRetries      operations waiting for a retry at most; the oldest is given up beyond
     * @param completeClaimed completes a conversation this instance claimed, then {@link #forget}s it
     */
    ConversationCompletions(ConversationLedger ledger, Timers timers, Duration tick, Duration renew,
            int maxRetries, Consumer<String> completeClaimed) {
        this.ledger = ledger;
        this.timers = timers;
        this.tickNanos = tick.toNanos();
        this.renewNanos = renew.toNanos();
        this.maxRetries = maxRetries;
        this.completeClaimed = completeClaimed;
    }

    /** Ticks every second (at most a third of the lease) and renews at a third of the lease. */
    static ConversationCompletions of(ConversationLedger ledger, ConversationLedger.Terms terms, Timers timers,
            Consumer<String> completeClaimed) {
        Duration renew = terms.lease().dividedBy(3);
        Duration tick = renew.compareTo(Duration.ofSeconds(1)) < 0 ? renew : Duration.ofSeconds(1);
        return new ConversationCompletions(ledger, timers, tick, renew, terms.capacity(), completeClaimed);
    }

    synchronized ConversationCompletions start() {
        lastRenewNanos = timers.nanoTime();
        tick = timers.schedule(this::tick, tickNanos);
        return this;
    }

    /** A session of this instance streams into its conversation; true when it continues one that waited. */
    CompletionStage<Boolean> hold(Hold hold) {
        synchronized (this) {
            holds.put(hold.session(), hold);
        }
        return ledger.hold(hold).handle((held, error) -> {
            if (error != null) {
                failed("hold", error);
                synchronized (this) {
                    renewSoon = true; // the next tick records it again with the renewal
                }
                return false;
            }
            reachable();
            if (held == ConversationLedger.Held.UNTRACKED) {
                LOG.warnf("session %s: the conversation ledger is full; this conversation is only completed by a "
                        + "session that ends it", hold.session());
            }
            return held == ConversationLedger.Held.CONTINUED;
        });
    }

    /**
     * The session ended; for {@link Release#END} the answer says whether the caller completes the conversation now
     * (false when other sessions still hold it, or another instance claimed it while the ledger was unreachable).
     */
    CompletionStage<Boolean> release(Hold hold, Release how) {
        synchronized (this) {
            holds.remove(hold.session());
        }
        CompletableFuture<Boolean> decided = new CompletableFuture<>();
        attempt(new LedgerRetry("release", () -> ledger.release(hold, how), decided));
        return decided;
    }

    /** The conversation was completed (or never can be); retried like a release. */
    void forget(String conversation) {
        attempt(new LedgerRetry("forget", () -> ledger.forget(conversation), new CompletableFuture<>()));
    }

    private void attempt(LedgerRetry retry) {
        CompletionStage<?> operation;
        try {
            operation = retry.operation.get();
        } catch (RuntimeException e) { // a client that refuses at once (closing, say) is a failure like any other
            operation = CompletableFuture.failedFuture(e);
        }
        operation.whenComplete((value, error) -> {
            if (error == null) {
                reachable();
                retry.answer(value);
                return;
            }
            failed(retry.what, error);
            LedgerRetry dropped = null;
            synchronized (this) {
                if (closed) {
                    return; // shutting down: its lease lapses, and another instance decides
                }
                retries.addLast(retry);
                if (retries.size() > maxRetries) {
                    dropped = retries.pollFirst();
                }
            }
            if (dropped != null) {
                giveUp(dropped);
            }
        });
    }

    /** Counted each time; said at WARN once per outage (a long one could give up thousands). */
    private void giveUp(LedgerRetry retry) {
        long n = givenUp.incrementAndGet();
        boolean first;
        synchronized (this) {
            first = !warnedGiveUp;
            warnedGiveUp = true;
        }
        if (first) {
            LOG.warnf("conversation ledger: too many operations wait for it; a %s is given up, and more may be "
                    + "(audiohook_ledger_given_up_total, %d so far): their leases lapse on their own and their "
                    + "conversations are completed once the ledger answers", retry.what, n);
        }
        retry.answer(null);
    }

    private void tick() {
        List<LedgerRetry> due;
        boolean renew;
        boolean claim;
        List<Hold> live;
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = timers.nanoTime();
            due = List.copyOf(retries);
            retries.clear();
            renew = !renewing && (renewSoon || now - lastRenewNanos >= renewNanos);
            if (renew) {
                renewing = true;
                renewSoon = false;
                lastRenewNanos = now;
            }
            claim = !claiming;
            claiming = true;
            live = List.copyOf(holds.values());
            tick = timers.schedule(this::tick, tickNanos);
        }
        due.forEach(this::attempt);
        if (renew) {
            renew(live);
        }
        if (claim) {
            claim();
        }
    }

    private void renew(List<Hold> live) {
        CompletionStage<Void> renewal = live.isEmpty() ? CompletableFuture.completedFuture(null) : ledger.renew(live);
        renewal.whenComplete((v, error) -> {
            synchronized (this) {
                renewing = false;
                if (error != null) {
                    renewSoon = true;
                }
            }
            if (error != null) {
                failed("renewal", error);
            } else if (!live.isEmpty()) {
                reachable();
            }
        });
    }

    private void claim() {
        ledger.claimDue(CLAIMS_PER_TICK).whenComplete((names, error) -> {
            synchronized (this) {
                claiming = false;
            }
            if (error != null) {
                failed("claim", error);
                return;
            }
            for (String name : names) {
                claimed.incrementAndGet();
                completeClaimed.accept(name);
            }
        });
    }

    private void failed(String what, Throwable error) {
        ledgerFailures.incrementAndGet();
        boolean first;
        synchronized (this) {
            first = !unreachable;
            unreachable = true;
        }
        if (first) {
            LOG.warnf("conversation ledger unreachable (%s failed: %s): completions wait, bounded", what,
                    error.toString());
        }
    }

    private void reachable() {
        boolean back;
        synchronized (this) {
            back = unreachable;
            unreachable = false;
            warnedGiveUp = false;
        }
        if (back) {
            LOG.info("conversation ledger reachable again");
        }
    }

    synchronized boolean isHeld(String conversation) {
        return holds.values().stream().anyMatch(h -> h.conversation().equals(conversation));
    }

    long ledgerFailures() {
        return ledgerFailures.get();
    }

    /** Releases and forgets given up because too many waited for the ledger. */
    long givenUp() {
        return givenUp.get();
    }

    /** Conversations this instance claimed and completed because they were due (grace over, or a holder gone). */
    long claimed() {
        return claimed.get();
    }

    /** Stops ticking; this instance's leases lapse on their own, and another instance completes what is due. */
    @Override
    public synchronized void close() {
        closed = true;
        if (tick != null) {
            tick.cancel();
        }
    }
}
