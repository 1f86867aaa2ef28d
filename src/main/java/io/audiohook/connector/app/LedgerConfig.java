package io.audiohook.connector.app;

import java.time.Duration;
import java.util.Optional;

import io.audiohook.connector.assist.ConversationLedger;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The conversation ledger: which live session holds which Dialogflow conversation, and which are due for completion
 * (see {@link ConversationLedger}). Shared through Redis whenever events are published there, so that every instance
 * behind the load balancer decides from the same record; otherwise kept by each instance for itself.
 */
@ConfigMapping(prefix = "connector.ledger")
public interface LedgerConfig {

    /** {@code CONNECTOR_LEDGER_SHARED}: keep it in Redis; by default whenever events are published to Redis. */
    Optional<Boolean> shared();

    /**
     * How long a session's hold lasts without renewal (renewed at a third of it): how long the conversations of an
     * instance killed without warning stay held before their grace starts.
     */
    @WithDefault("15s")
    Duration lease();

    /**
     * How long a claimer has to complete a conversation before another instance may: longer than the end-of-call
     * summary's timeout, which comes before the completion.
     */
    @WithDefault("2m")
    Duration claim();

    /** How long one operation may wait for Redis before it counts as failed (and is retried, bounded). */
    @WithDefault("2s")
    Duration timeout();

    default boolean shared(boolean publishing) {
        return shared().orElse(publishing);
    }

    /** The grace and the bound are Agent Assist's ({@code completionGrace}, {@code maxPendingCompletions}). */
    default ConversationLedger.Terms terms(AssistConfig assist) {
        return new ConversationLedger.Terms(lease(), assist.completionGrace(), claim(),
                assist.maxPendingCompletions());
    }
}
