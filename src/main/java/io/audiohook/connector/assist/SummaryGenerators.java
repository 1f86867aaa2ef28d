package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.google.api.core.ApiFuture;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.GetGeneratorRequest;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

/**
 * Which of a profile's generators can summarize a conversation at its end: one with a summarization context that is
 * triggered by {@code MANUAL_CALL} ("Triggers on the conversation manually by API calls, such as … GenerateSuggestions").
 * Asking {@code GenerateSuggestions} of a profile whose generators only coach or answer freely would run them (billed
 * model calls) for nothing. Each generator is read once ({@code GetGenerator}); a failed read is not kept, so the
 * next call tries again.
 */
final class SummaryGenerators {
    /** What the generators of a profile say, as far as they could be read. */
    record Found(boolean summarizes, boolean unreadable) {
    }

    private final Function<GetGeneratorRequest, ApiFuture<Generator>> get;
    private final Map<String, CompletableFuture<Generator>> generators = new ConcurrentHashMap<>();

    SummaryGenerators(Function<GetGeneratorRequest, ApiFuture<Generator>> get) {
        this.get = get;
    }

    CompletableFuture<Found> of(List<String> names) {
        List<CompletableFuture<Boolean>> each = new ArrayList<>();
        for (String name : names) {
            each.add(generator(name).handle((generator, error) -> error != null ? null : summarizes(generator)));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            boolean summarizes = false;
            boolean unreadable = false;
            for (CompletableFuture<Boolean> one : each) {
                Boolean answer = one.join();
                summarizes |= Boolean.TRUE.equals(answer);
                unreadable |= answer == null;
            }
            return new Found(summarizes, unreadable);
        });
    }

    static boolean summarizes(Generator generator) {
        return generator.hasSummarizationContext() && generator.getTriggerEvent() == TriggerEvent.MANUAL_CALL;
    }

    private CompletableFuture<Generator> generator(String name) {
        CompletableFuture<Generator> cached = generators.computeIfAbsent(name, n -> {
            try {
                return Futures.of(get.apply(GetGeneratorRequest.newBuilder().setName(n).build()));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e); // no client (shutting down): not kept either
            }
        });
        cached.whenComplete((g, e) -> {
            if (e != null) {
                generators.remove(name, cached);
            }
        });
        return cached;
    }
}
