package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * What each party "says": lines {@code external: ...} (the customer, END_USER) and
 * {@code internal: ...} (the agent, HUMAN_AGENT), the format of the test call fixture's transcript.
 * The k-th utterance of a role in a conversation is answered with that role's k-th line.
 */
final class Script {
    private final Map<Participant.Role, List<String>> lines;

    private Script(Map<Participant.Role, List<String>> lines) {
        this.lines = lines;
    }

    static Script empty() {
        return new Script(Map.of());
    }

    static Script parse(List<String> fileLines) {
        Map<Participant.Role, List<String>> lines = new EnumMap<>(Participant.Role.class);
        for (int i = 0; i < fileLines.size(); i++) {
            String line = fileLines.get(i);
            if (!TextFiles.isContent(line)) {
                continue;
            }
            int colon = line.indexOf(':');
            Participant.Role role = colon < 0 ? null : switch (line.substring(0, colon).strip()) {
                case "external" -> Participant.Role.END_USER;
                case "internal" -> Participant.Role.HUMAN_AGENT;
                default -> null;
            };
            String text = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (role == null || text.isEmpty()) {
                throw new IllegalArgumentException("script line " + (i + 1)
                        + " is not 'external: <text>' or 'internal: <text>'");
            }
            lines.computeIfAbsent(role, r -> new ArrayList<>()).add(text);
        }
        lines.replaceAll((role, list) -> List.copyOf(list));
        return new Script(lines);
    }

    /** The text of utterance {@code index} (from 0) of {@code role}, or a placeholder that says why there is none. */
    String line(Participant.Role role, int index) {
        List<String> ofRole = lines.getOrDefault(role, List.of());
        if (index < ofRole.size()) {
            return ofRole.get(index);
        }
        return "[utterance " + (index + 1) + " of " + role + ": no script line]";
    }

    int size() {
        return lines.values().stream().mapToInt(List::size).sum();
    }
}
