package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tiny FAQ knowledge base: lines {@code keyword | question | answer}. An utterance that contains a
 * keyword as a whole word (or phrase), ignoring case, gets that entry suggested; entries come in file
 * order, at most {@value #MAX_ANSWERS}, each entry once.
 */
final class Knowledge {
    static final int MAX_ANSWERS = 3;

    record Entry(String keyword, Pattern pattern, String question, String answer) {
    }

    private final List<Entry> entries;

    private Knowledge(List<Entry> entries) {
        this.entries = entries;
    }

    static Knowledge empty() {
        return new Knowledge(List.of());
    }

    static Knowledge parse(List<String> fileLines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < fileLines.size(); i++) {
            String line = fileLines.get(i);
            if (!TextFiles.isContent(line)) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException("knowledge line " + (i + 1) + " is not 'keyword | question | answer'");
            }
            String keyword = parts[0].strip().toLowerCase(Locale.ROOT);
            Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            entries.add(new Entry(keyword, pattern, parts[1].strip(), parts[2].strip()));
        }
        return new Knowledge(List.copyOf(entries));
    }

    List<Entry> match(String text) {
        List<Entry> matches = new ArrayList<>();
        for (Entry entry : entries) {
            if (matches.size() < MAX_ANSWERS && entry.pattern().matcher(text).find()) {
                matches.add(entry);
            }
        }
        return matches;
    }

    int size() {
        return entries.size();
    }
}
