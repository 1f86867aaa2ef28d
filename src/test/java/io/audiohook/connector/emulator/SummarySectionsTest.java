package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.SuggestionQueryConfig.Sections;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SummarizationSection;

/** Each section's text, from what was said. */
class SummarySectionsTest {
    static final Knowledge KNOWLEDGE = Knowledge.parse(List.of("cancel | Q | A", "fee | Q | A"));
    static final List<Message> UNHAPPY = List.of(
            said(Participant.Role.END_USER, "I want to cancel my account, the fee of $40 is wrong."),
            said(Participant.Role.HUMAN_AGENT, "I am sorry, I can refund the fee."),
            said(Participant.Role.END_USER, "No, this is terrible, I am frustrated."));

    @Test
    void cancellationSatisfactionAndEntities() {
        Map<String, String> sections = SummarySections.write(SummarySections.of(Sections.newBuilder()
                .addSectionTypes(Sections.SectionType.REASON_FOR_CANCELLATION)
                .addSectionTypes(Sections.SectionType.CUSTOMER_SATISFACTION)
                .addSectionTypes(Sections.SectionType.RESOLUTION)
                .addSectionTypes(Sections.SectionType.ENTITIES)
                .addSectionTypes(Sections.SectionType.RESOLUTION).build()), UNHAPPY, KNOWLEDGE);
        assertEquals(List.of("reason_for_cancellation", "customer_satisfaction", "resolution", "entities/topic",
                "entities/amount", "entities/number"), List.copyOf(sections.keySet()), "a duplicate counts once");
        assertEquals("The customer asked to cancel: " + UNHAPPY.get(0).getContent(),
                sections.get("reason_for_cancellation"));
        assertEquals("Unsatisfied", sections.get("customer_satisfaction"));
        assertEquals("UNRESOLVED", sections.get("resolution"));
        assertEquals("cancel, fee", sections.get("entities/topic"));
        assertEquals("$40", sections.get("entities/amount"));
    }

    @Test
    void noCancellationIsNotApplicableAndConciseSectionsTakeTheFirstUtterance() {
        List<Message> calm = List.of(said(Participant.Role.END_USER, "Where is my card?"),
                said(Participant.Role.END_USER, "It was sent last week."),
                said(Participant.Role.HUMAN_AGENT, "It arrives tomorrow."));
        Map<String, String> sections = SummarySections.write(List.of(
                SummarizationSection.newBuilder().setType(SummarizationSection.Type.SITUATION_CONCISE).build(),
                SummarizationSection.newBuilder().setType(SummarizationSection.Type.ACTION_CONCISE).build(),
                SummarizationSection.newBuilder().setType(SummarizationSection.Type.REASON_FOR_CANCELLATION).build(),
                SummarizationSection.newBuilder().setType(SummarizationSection.Type.TYPE_UNSPECIFIED).build(),
                SummarizationSection.newBuilder().setType(SummarizationSection.Type.CUSTOMER_DEFINED)
                        .setKey("delivery_date").build()), calm, KNOWLEDGE);
        assertEquals(Map.of("situation", "The customer said: Where is my card?",
                "action", "The agent said: It arrives tomorrow.",
                "reason_for_cancellation", "N/A",
                "delivery_date", "Not mentioned."), sections, "the key stands for a missing definition");
        assertEquals(SummarySections.DEFAULT, SummarySections.of(Sections.getDefaultInstance()));
    }

    private static Message said(Participant.Role role, String text) {
        return Message.newBuilder().setParticipantRole(role).setContent(text).build();
    }
}
