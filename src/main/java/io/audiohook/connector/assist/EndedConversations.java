package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Conversations of calls that ended with {@code end}, while their summary is being made: each is completed exactly
 * once, by whoever takes it first: the summary when it is done, or the shutdown, which cannot wait for a slow summary
 * (Cloud Run kills the instance 10 s after SIGTERM, the drain included) and completes what is left without it.
 */
final class EndedConversations<C> {
    private final Function<C, String> conversationOf;
    private final Map<String, C> summarizing = new ConcurrentHashMap<>();

    /** @param conversationOf the conversation a call ended */
    EndedConversations(Function<C, String> conversationOf) {
        this.conversationOf = conversationOf;
    }

    void summarizing(C call) {
        summarizing.put(conversationOf.apply(call), call);
    }

    /** @return true if the caller is to complete {@code call}'s conversation: nobody has taken it yet */
    boolean take(C call) {
        return summarizing.remove(conversationOf.apply(call), call);
    }

    int size() {
        return summarizing.size();
    }

    /**
     * At shutdown: waits up to {@code wait} for the summaries under way (on the shutdown thread), then takes every
     * conversation still being summarized, for the caller to complete without its summary.
     */
    List<C> awaitThenTakeAll(Duration wait) {
        long giveUp = System.nanoTime() + wait.toNanos();
        while (!summarizing.isEmpty() && System.nanoTime() - giveUp < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<C> left = new ArrayList<>();
        for (C call : List.copyOf(summarizing.values())) {
            if (take(call)) {
                left.add(call);
            }
        }
        return left;
    }
}
