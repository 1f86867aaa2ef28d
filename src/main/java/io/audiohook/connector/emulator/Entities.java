package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for entity extraction: the knowledge keywords a text mentions ({@code topic}), sums of
 * money ({@code amount}: a currency sign or word next to a number) and the numbers written in digits
 * ({@code number}), each once, in the order first seen. Used by ENTITY_EXTRACTION and the ENTITIES summary section.
 */
final class Entities {
    /** How sure the emulator is of every entity it finds: a {@code confidence_threshold} above it finds none. */
    static final float CONFIDENCE = 0.8f;
    private static final String NUMBER = "\\d+(?:[.,]\\d+)*";
    private static final Pattern AMOUNT = Pattern.compile("[$€£]\\s?" + NUMBER + "|" + NUMBER
            + "\\s?(?:dollars?|euros?|pounds?|USD|EUR|GBP)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("(?<![\\p{L}\\p{N}])" + NUMBER);

    private Entities() {
    }

    /** Entity name to its values; names without values are left out. */
    static Map<String, List<String>> of(List<String> texts, Knowledge knowledge) {
        Set<String> topics = new LinkedHashSet<>();
        Set<String> amounts = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (String text : texts) {
            knowledge.match(text).forEach(entry -> topics.add(entry.keyword()));
            all(AMOUNT, text, amounts);
            all(DIGITS, text, numbers);
        }
        Map<String, List<String>> entities = new LinkedHashMap<>();
        put(entities, "topic", topics);
        put(entities, "amount", amounts);
        put(entities, "number", numbers);
        return entities;
    }

    private static void all(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group());
        }
    }

    private static void put(Map<String, List<String>> entities, String name, Set<String> values) {
        if (!values.isEmpty()) {
            entities.put(name, new ArrayList<>(values));
        }
    }
}
