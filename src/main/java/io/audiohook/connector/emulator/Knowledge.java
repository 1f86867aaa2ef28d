package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The emulator's knowledge base ({@value #KNOWLEDGE_BASE_ID}): lines {@code keyword | question | answer [| title
 * [| uri]]}, one document each. An utterance that contains a keyword as a whole word (or phrase), ignoring case,
 * matches that entry; matches come in file order, each entry once, and the features of a profile take as many as
 * their {@code max_results} allow. The title defaults to the question, the uri to {@value #DEFAULT_URI}{@code <slug>}.
 */
final class Knowledge {
    /** The id of the one knowledge base; its documents are {@code …/knowledgeBases/emulated-faq/documents/<slug>}. */
    static final String KNOWLEDGE_BASE_ID = "emulated-faq";
    static final String DEFAULT_URI = "https://example.com/emulated-faq/";

    /** @param slug the keyword as a document id: lower case letters and digits, runs of others as one {@code -} */
    record Entry(String keyword, Pattern pattern, String question, String answer, String title, String uri,
            String slug) {
        /** The document of the emulator's knowledge base this entry is, in a location ({@code projects/p/locations/l}). */
        String document(String location) {
            return knowledgeBase(location) + "/documents/" + slug;
        }
    }

    private final List<Entry> entries;
    private final Set<String> slugs;

    private Knowledge(List<Entry> entries) {
        this.entries = entries;
        this.slugs = Set.copyOf(entries.stream().map(Entry::slug).toList());
    }

    static Knowledge empty() {
        return new Knowledge(List.of());
    }

    static Knowledge parse(List<String> fileLines) {
        List<Entry> entries = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < fileLines.size(); i++) {
            String line = fileLines.get(i);
            if (!TextFiles.isContent(line)) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length < 3 || parts.length > 5 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException("knowledge line " + (i + 1)
                        + " is not 'keyword | question | answer [| title [| uri]]'");
            }
            String keyword = parts[0].strip().toLowerCase(Locale.ROOT);
            String slug = keyword.replaceAll("[^a-z0-9]+", "-");
            if (!slugs.add(slug)) {
                throw new IllegalArgumentException("knowledge line " + (i + 1) + ": a second document '" + slug + "'");
            }
            Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            String question = parts[1].strip();
            String title = parts.length > 3 && !parts[3].isBlank() ? parts[3].strip() : question;
            String uri = parts.length > 4 && !parts[4].isBlank() ? parts[4].strip() : DEFAULT_URI + slug;
            entries.add(new Entry(keyword, pattern, question, parts[2].strip(), title, uri, slug));
        }
        return new Knowledge(List.copyOf(entries));
    }

    /** The entries whose keyword the text contains, in file order. */
    List<Entry> match(String text) {
        List<Entry> matches = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.pattern().matcher(text).find()) {
                matches.add(entry);
            }
        }
        return matches;
    }

    /**
     * How sure the emulator is of the {@code rank}-th match (from 0): 0.9 for the first, 15 % less for each next,
     * two decimals. Deterministic, so tests can set a {@code confidence_threshold} between two matches.
     */
    static float confidence(int rank) {
        return Math.round(90 * Math.pow(0.85, rank)) / 100f;
    }

    /** The emulator's knowledge base in a location ({@code projects/p/locations/l}). */
    static String knowledgeBase(String location) {
        return location + "/knowledgeBases/" + KNOWLEDGE_BASE_ID;
    }

    /** Whether {@code name} is one of this knowledge base's documents in that location. */
    boolean hasDocument(String location, String name) {
        String prefix = knowledgeBase(location) + "/documents/";
        return name.startsWith(prefix) && slugs.contains(name.substring(prefix.length()));
    }

    int size() {
        return entries.size();
    }
}
