package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionQueryConfig.Sections;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SummarizationSection;

/**
 * A summary's sections, written deterministically from what was said (no model): the situation from the
 * customer's first utterances, the action from the agent's, resolution and satisfaction from the sentiment of the
 * customer's last one, a cancellation reason only where the customer asked to cancel, entities as
 * {@link Entities} finds them, and a customer-defined section from the utterances that share a word with its
 * definition. Section names are those of the proto's comments.
 */
final class SummarySections {
    /** "If section types are not provided, the default will be {SITUATION, ACTION, RESULT}" (RESULT: RESOLUTION). */
    static final List<SummarizationSection> DEFAULT = List.of(section(SummarizationSection.Type.SITUATION),
            section(SummarizationSection.Type.ACTION), section(SummarizationSection.Type.RESOLUTION));
    private static final Pattern CANCEL = Pattern.compile("\\bcancel", Pattern.CASE_INSENSITIVE);

    private SummarySections() {
    }

    /** The sections a CONVERSATION_SUMMARIZATION feature asks for ({@code query_config.sections}). */
    static List<SummarizationSection> of(Sections sections) {
        if (sections.getSectionTypesCount() == 0) {
            return DEFAULT;
        }
        // The two enums share names and numbers: SummarizationSection.Type has the feature's types and more.
        return sections.getSectionTypesList().stream().filter(t -> t != Sections.SectionType.UNRECOGNIZED)
                .map(t -> section(SummarizationSection.Type.forNumber(t.getNumber()))).toList();
    }

    /** Section name to text, in the order asked; a duplicate section counts once, an unspecified one not at all. */
    static Map<String, String> write(List<SummarizationSection> sections, List<Message> messages, Knowledge knowledge) {
        List<String> customer = contents(messages, Participant.Role.END_USER);
        List<String> agent = contents(messages, Participant.Role.HUMAN_AGENT);
        boolean happy = !customer.isEmpty() && Sentiment.of(customer.get(customer.size() - 1)).score() >= 0;
        Map<String, String> written = new LinkedHashMap<>();
        for (SummarizationSection section : sections) {
            String key = section.getKey().isEmpty() ? predefinedName(section.getType()) : section.getKey();
            switch (section.getType()) {
                case SITUATION -> written.putIfAbsent(key, said("customer", customer, 2));
                case SITUATION_CONCISE -> written.putIfAbsent(key, said("customer", customer, 1));
                case ACTION -> written.putIfAbsent(key, said("agent", agent, 3));
                case ACTION_CONCISE -> written.putIfAbsent(key, said("agent", agent, 1));
                case RESOLUTION -> written.putIfAbsent(key, happy ? "RESOLVED" : "UNRESOLVED");
                case CUSTOMER_SATISFACTION -> written.putIfAbsent(key, happy ? "Satisfied" : "Unsatisfied");
                case REASON_FOR_CANCELLATION -> written.putIfAbsent(key, customer.stream()
                        .filter(c -> CANCEL.matcher(c).find()).findFirst()
                        .map(c -> "The customer asked to cancel: " + c).orElse("N/A"));
                case ENTITIES -> Entities.of(contents(messages, null), knowledge)
                        .forEach((name, values) -> written.putIfAbsent("entities/" + name, String.join(", ", values)));
                case CUSTOMER_DEFINED -> written.putIfAbsent(key, concerning(section, messages));
                case TYPE_UNSPECIFIED, UNRECOGNIZED -> {
                    // "Undefined section type, does not return anything."
                }
            }
        }
        return written;
    }

    /** The summary as one text: the sections in their order, one {@code name: text} line each. */
    static String text(Map<String, String> sections) {
        return sections.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String predefinedName(SummarizationSection.Type type) {
        return switch (type) {
            case SITUATION_CONCISE -> "situation";
            case ACTION_CONCISE -> "action";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String said(String who, List<String> contents, int first) {
        if (contents.isEmpty()) {
            return "The " + who + " said nothing.";
        }
        return "The " + who + " said: " + String.join(" ", contents.subList(0, Math.min(first, contents.size())));
    }

    /** The utterances that share a word with the section's definition (its key where it has none). */
    private static String concerning(SummarizationSection section, List<Message> messages) {
        String definition = section.getDefinition().isBlank() ? section.getKey().replace('_', ' ')
                : section.getDefinition();
        List<String> lines = new ArrayList<>();
        for (Message message : messages) {
            if (Words.share(definition, message.getContent())) {
                lines.add((message.getParticipantRole() == Participant.Role.END_USER ? "Customer: " : "Agent: ")
                        + message.getContent());
            }
        }
        return lines.isEmpty() ? "Not mentioned." : String.join(" ", lines);
    }

    /** @param role null: everyone's */
    private static List<String> contents(List<Message> messages, Participant.Role role) {
        return messages.stream().filter(m -> role == null || m.getParticipantRole() == role)
                .map(Message::getContent).toList();
    }

    private static SummarizationSection section(SummarizationSection.Type type) {
        return SummarizationSection.newBuilder().setType(type).build();
    }
}
