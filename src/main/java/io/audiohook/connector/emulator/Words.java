package io.audiohook.connector.emulator;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words that carry a text's meaning, for the emulator's deterministic stand-ins of judgement: whether a
 * coaching instruction's condition or a custom summary section's definition concerns an utterance. Words of four
 * letters or more, lower case, a plural's {@code s} dropped, without the words every such text has.
 */
final class Words {
    private static final Set<String> COMMON = Set.of("about", "agent", "asks", "customer", "does", "from", "have",
            "like", "that", "their", "them", "there", "they", "this", "want", "wants", "what", "when", "where", "which",
            "with", "would", "your");

    private Words() {
    }

    static Set<String> significant(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 4 && !COMMON.contains(word)) {
                words.add(word.length() > 4 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
            }
        }
        return words;
    }

    /** Whether the two texts share a significant word. */
    static boolean share(String a, String b) {
        return !Collections.disjoint(significant(a), significant(b));
    }
}
