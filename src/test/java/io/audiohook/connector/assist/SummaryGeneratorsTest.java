package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.api.core.ApiFutures;
import com.google.cloud.dialogflow.v2beta1.FreeFormContext;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.SummarizationContext;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

/** Only a summarization generator triggered by MANUAL_CALL makes the end of a call ask GenerateSuggestions. */
class SummaryGeneratorsTest {
    private static final String PARENT = "projects/p/locations/l/generators/";
    private static final Map<String, Generator> KNOWN = Map.of(
            PARENT + "summary", Generator.newBuilder().setSummarizationContext(SummarizationContext.getDefaultInstance())
                    .setTriggerEvent(TriggerEvent.MANUAL_CALL).build(),
            PARENT + "summary-each-utterance", Generator.newBuilder()
                    .setSummarizationContext(SummarizationContext.getDefaultInstance())
                    .setTriggerEvent(TriggerEvent.END_OF_UTTERANCE).build(),
            PARENT + "free-form", Generator.newBuilder().setFreeFormContext(FreeFormContext.getDefaultInstance())
                    .setTriggerEvent(TriggerEvent.MANUAL_CALL).build());

    final List<String> asked = new ArrayList<>();
    final SummaryGenerators generators = new SummaryGenerators(request -> {
        asked.add(request.getName());
        Generator known = KNOWN.get(request.getName());
        return known != null ? ApiFutures.immediateFuture(known)
                : ApiFutures.immediateFailedFuture(new IllegalStateException("PERMISSION_DENIED"));
    });

    @Test
    void onlyAManualSummarizationGeneratorSummarizes() {
        assertEquals(new SummaryGenerators.Found(true, false),
                generators.of(List.of(PARENT + "free-form", PARENT + "summary")).join());
        assertEquals(new SummaryGenerators.Found(false, false),
                generators.of(List.of(PARENT + "free-form", PARENT + "summary-each-utterance")).join(),
                "a summary on every utterance is already published as a suggestion; coaching is not a summary");
        assertEquals(3, asked.size());
        generators.of(List.of(PARENT + "summary")).join();
        assertEquals(3, asked.size(), "each generator is read once");
    }

    @Test
    void aGeneratorThatCannotBeReadIsSaidAndReadAgainNextTime() {
        assertEquals(new SummaryGenerators.Found(false, true), generators.of(List.of(PARENT + "forbidden")).join());
        assertEquals(new SummaryGenerators.Found(true, true),
                generators.of(List.of(PARENT + "forbidden", PARENT + "summary")).join());
        assertEquals(List.of(PARENT + "forbidden", PARENT + "forbidden", PARENT + "summary"), asked,
                "a failed read is not kept");
    }
}
