package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The ledger of one instance, in memory: what the connector does without Redis. The rules are those of the shared
 * ledger (the same contract test runs against both), so a deployment that adds Redis changes where the record is
 * kept, not what it decides. Bounded by {@link ConversationLedger.Terms#capacity()}.
 */
public final class LocalConversationLedger implements ConversationLedger {
    private final Terms terms;
    private final LongSupplier millis;
    /** Conversation → when it is due (its leases and grace, or a claim, push it later). */
    private final Map<String, Long> due = new HashMap<>();
    /** Conversation → session → lease expiry. */
    private final Map<String, Map<String, Long>> leases = new HashMap<>();
    /** Conversation → end of the claim of whoever completes it. */
    private final Map<String, Long> claims = new HashMap<>();

    /** @param millis the clock (milliseconds; any epoch, monotonic) */
    public LocalConversationLedger(Terms terms, LongSupplier millis) {
        this.terms = terms;
        this.millis = millis;
    }

    @Override
    public synchronized CompletionStage<Held> hold(Hold hold) {
        long now = millis.getAsLong();
        Map<String, Long> sessions = live(hold.conversation(), now);
        boolean waiting = due.containsKey(hold.conversation()) && sessions.isEmpty();
        long expiry = now + terms.lease().toMillis();
        sessions.put(hold.session(), expiry);
        if (!due.containsKey(hold.conversation()) && due.size() >= terms.capacity()) {
            return done(Held.UNTRACKED);
        }
        due.put(hold.conversation(), expiry + terms.grace().toMillis());
        return done(waiting ? Held.CONTINUED : Held.FRESH);
    }

    @Override
    public synchronized CompletionStage<Void> renew(Collection<Hold> holds) {
        long now = millis.getAsLong();
        long expiry = now + terms.lease().toMillis();
        for (Hold hold : holds) {
            live(hold.conversation(), now).put(hold.session(), expiry);
            if (due.containsKey(hold.conversation()) || due.size() < terms.capacity()) {
                due.merge(hold.conversation(), expiry + terms.grace().toMillis(), Math::max);
            }
        }
        return done(null);
    }

    @Override
    public synchronized CompletionStage<Boolean> release(Hold hold, Release how) {
        long now = millis.getAsLong();
        Map<String, Long> sessions = live(hold.conversation(), now);
        sessions.remove(hold.session());
        if (sessions.isEmpty()) {
            leases.remove(hold.conversation());
        }
        if (how == Release.ABANDON) {
            return done(false);
        }
        if (!sessions.isEmpty()) { // others stream into it: due after them
            due.merge(hold.conversation(), now + terms.grace().toMillis(), Math::max);
            return done(false);
        }
        if (how == Release.END) {
            claims.values().removeIf(until -> until <= now);
            if (claims.containsKey(hold.conversation())) {
                return done(false); // being completed already
            }
            due.put(hold.conversation(), now + terms.claim().toMillis());
            claims.put(hold.conversation(), now + terms.claim().toMillis());
            return done(true);
        }
        if (due.containsKey(hold.conversation()) || due.size() < terms.capacity()) {
            due.put(hold.conversation(), now + terms.grace().toMillis());
        }
        return done(false);
    }

    @Override
    public synchronized CompletionStage<List<String>> claimDue(int max) {
        long now = millis.getAsLong();
        claims.values().removeIf(until -> until <= now);
        List<String> claimed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Long>> it = due.entrySet().iterator(); it.hasNext() && claimed.size() < max;) {
            Map.Entry<String, Long> entry = it.next();
            if (entry.getValue() > now) {
                continue;
            }
            Map<String, Long> sessions = live(entry.getKey(), now);
            if (sessions.isEmpty()) {
                leases.remove(entry.getKey());
                entry.setValue(now + terms.claim().toMillis());
                claims.put(entry.getKey(), now + terms.claim().toMillis());
                claimed.add(entry.getKey());
            } else {
                long lastExpiry = sessions.values().stream().mapToLong(Long::longValue).max().orElse(now);
                entry.setValue(lastExpiry + terms.grace().toMillis());
            }
        }
        return done(claimed);
    }

    @Override
    public synchronized CompletionStage<Void> forget(String conversation) {
        claims.remove(conversation);
        if (live(conversation, millis.getAsLong()).isEmpty()) {
            leases.remove(conversation);
            due.remove(conversation);
        }
        return done(null);
    }

    /** Conversations tracked (held or waiting), for the metrics. */
    public synchronized int size() {
        return due.size();
    }

    /** The conversation's unexpired leases (expired ones are dropped). */
    private Map<String, Long> live(String conversation, long now) {
        Map<String, Long> sessions = leases.computeIfAbsent(conversation, c -> new HashMap<>());
        sessions.values().removeIf(expiry -> expiry <= now);
        return sessions;
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
