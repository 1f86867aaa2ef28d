package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Which live sessions hold which Dialogflow conversation, and which conversations are due for completion: the
 * record every instance behind the load balancer consults before it completes a conversation, so that each is
 * completed once, never while a session (on any instance) still streams into it, and even when the instance that
 * held it was killed.
 *
 * <p>A session holds its conversation by a lease that its instance renews; a conversation is due once no lease holds
 * it and its grace is over. Whoever finds it due first claims it for {@link Terms#claim()}: the claimer completes it
 * and {@linkplain #forget forgets} it; a claimer that dies lets the claim lapse, and the next one completes it.
 * Every operation is atomic: two instances can never both be told to complete the same conversation within a claim.
 *
 * <p>Implementations: {@link LocalConversationLedger} (this instance only: the behaviour without Redis) and the Redis
 * one of the {@code publish} adapter (shared). Operations may fail (Redis unreachable); callers retry, bounded.
 */
public interface ConversationLedger {

    /** What {@link #hold} found. */
    enum Held {
        /** Nobody waited to complete the conversation (a new one, or held by other sessions too). */
        FRESH,
        /** A completion was waiting for its grace: this session continues the conversation and calls it off. */
        CONTINUED,
        /** The ledger is full: the lease is kept, but the conversation is only completed by a session that ends it. */
        UNTRACKED
    }

    /** How a session lets go of its conversation. */
    enum Release {
        /** Ended without {@code end} (a reconnect may follow): due after the grace unless held again. */
        GRACE,
        /** Ended with {@code end}: completed now by the caller when nobody else holds it, else due after the grace. */
        END,
        /** Its conversation was never usable (not set up, or completed already): only the lease goes. */
        ABANDON
    }

    /** A live session of this instance and its conversation. */
    record Hold(String conversation, String session) {
    }

    /**
     * @param lease    how long a hold lasts without renewal: what an instance killed without warning keeps its
     *                 conversations, before their grace starts
     * @param grace    how long a conversation let go without {@code end} waits for a reconnect
     * @param claim    how long a claimer has to complete a conversation before another may
     * @param capacity conversations tracked at most (held and waiting together)
     */
    record Terms(Duration lease, Duration grace, Duration claim, int capacity) {
    }

    /** The session streams into the conversation now: it holds it, and a completion waiting for it is called off. */
    CompletionStage<Held> hold(Hold hold);

    /** Extends the leases of this instance's live sessions (and records them again if the ledger lost them). */
    CompletionStage<Void> renew(Collection<Hold> holds);

    /** @return true when the caller is to complete the conversation now (only for {@link Release#END}) */
    CompletionStage<Boolean> release(Hold hold, Release how);

    /** Claims for this instance up to {@code max} conversations that are due and held by nobody. */
    CompletionStage<List<String>> claimDue(int max);

    /** The conversation was completed (or can never be): it leaves the ledger, unless a new session holds it. */
    CompletionStage<Void> forget(String conversation);
}
