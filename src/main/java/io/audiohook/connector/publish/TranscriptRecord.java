package io.audiohook.connector.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a conversation's durable transcript (its Redis Stream): an utterance, the suggestions compiled for
 * it, or the conversation's summary. Entries other than utterances say what they are in a {@code kind} field, so
 * streams written before suggestions and summaries were kept read the same.
 */
public sealed interface TranscriptRecord permits TranscriptEntry, SuggestionEntry, SummaryEntry {
    String KIND = "kind";

    /** The stream entry's fields, in a fixed order; absent values are left out. */
    Map<String, String> fields();

    /** About what it holds on the heap while it waits for Redis. */
    long bytes();

    /**
     * Reads an entry back by its {@code kind}; an entry of a kind this version does not know (written by a newer
     * one) is left out rather than shown as an utterance.
     *
     * @param flat {@code field, value, …} as XRANGE returns them
     */
    static Optional<TranscriptRecord> fromFields(String id, List<String> flat) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(flat.get(i), flat.get(i + 1));
        }
        return switch (fields.getOrDefault(KIND, "")) {
            case "" -> Optional.of(TranscriptEntry.fromFields(id, fields));
            case SuggestionEntry.KIND_VALUE -> Optional.of(SuggestionEntry.fromFields(id, fields));
            case SummaryEntry.KIND_VALUE -> Optional.of(SummaryEntry.fromFields(id, fields));
            default -> Optional.empty();
        };
    }
}
