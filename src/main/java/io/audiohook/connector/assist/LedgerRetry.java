package io.audiohook.connector.assist;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** An operation on the conversation ledger, retried each tick by {@link ConversationCompletions} until it succeeds. */
final class LedgerRetry {
    final String what;
    final Supplier<CompletionStage<?>> operation;
    final CompletableFuture<Boolean> answer;

    /** @param answer completed with the operation's answer (true only for a release the caller completes after) */
    @SuppressWarnings("unchecked")
    LedgerRetry(String what, Supplier<? extends CompletionStage<?>> operation, CompletableFuture<Boolean> answer) {
        this.what = what;
        this.operation = (Supplier<CompletionStage<?>>) operation;
        this.answer = answer;
    }

    void answer(Object value) {
        answer.complete(Boolean.TRUE.equals(value));
    }
}
