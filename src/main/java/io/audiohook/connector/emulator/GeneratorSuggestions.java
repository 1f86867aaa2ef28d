package io.audiohook.connector.emulator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.cloud.dialogflow.v2beta1.AgentCoachingInstruction;
import com.google.cloud.dialogflow.v2beta1.AgentCoachingSuggestion;
import com.google.cloud.dialogflow.v2beta1.FreeFormSuggestion;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.GeneratorSuggestion;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SummarizationSection;
import com.google.cloud.dialogflow.v2beta1.SummarySuggestion;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

/**
 * What generators suggest, deterministically (no model): a free-form generator the knowledge answer that best
 * fits the latest message; an agent-coaching generator the instructions whose condition concerns it (or that have
 * none), their agent actions and a knowledge answer as sample response; a summarization generator its sections of
 * the conversation so far ({@link SummarySections}). A generator runs only when its {@code trigger_event} is one of
 * the occasion's; one that finds nothing suggests nothing.
 */
final class GeneratorSuggestions {
    private GeneratorSuggestions() {
    }

    /** The trigger events a finalized utterance of {@code role} is: END_OF_UTTERANCE, and whose message it was. */
    static Set<TriggerEvent> utteranceOf(Participant.Role role) {
        return EnumSet.of(TriggerEvent.END_OF_UTTERANCE,
                role == Participant.Role.END_USER ? TriggerEvent.CUSTOMER_MESSAGE : TriggerEvent.AGENT_MESSAGE);
    }

    /**
     * One answer per triggered generator that suggests something; {@code latest_message} is the last of
     * {@code context} (which must not be empty).
     */
    static GenerateSuggestionsResponse generate(List<Generator> generators, Set<TriggerEvent> occasion,
            List<Message> context, Knowledge knowledge, String location) {
        GenerateSuggestionsResponse.Builder response = GenerateSuggestionsResponse.newBuilder()
                .setLatestMessage(context.get(context.size() - 1).getName());
        for (Generator generator : generators) {
            if (occasion.contains(generator.getTriggerEvent())) {
                suggest(generator, occasion, context, knowledge).ifPresent(suggestion -> response
                        .addGeneratorSuggestionAnswers(GenerateSuggestionsResponse.GeneratorSuggestionAnswer.newBuilder()
                                .setGeneratorSuggestion(suggestion)
                                .setSourceGenerator(generator.getName())
                                .setAnswerRecord(ResourceNames.newAnswerRecord(location))));
            }
        }
        return response.build();
    }

    static Optional<GeneratorSuggestion> suggest(Generator generator, Set<TriggerEvent> occasion, List<Message> context,
            Knowledge knowledge) {
        String latest = context.get(context.size() - 1).getContent();
        return switch (generator.getContextCase()) {
            case FREE_FORM_CONTEXT -> knowledge.match(latest).stream().findFirst().map(entry -> GeneratorSuggestion
                    .newBuilder().setFreeFormSuggestion(FreeFormSuggestion.newBuilder().setResponse(entry.answer()))
                    .build());
            case AGENT_COACHING_CONTEXT -> coaching(generator, occasion, latest, knowledge);
            case SUMMARIZATION_CONTEXT -> Optional.of(summary(generator, context, knowledge));
            case CONTEXT_NOT_SET -> Optional.empty();
        };
    }

    private static Optional<GeneratorSuggestion> coaching(Generator generator, Set<TriggerEvent> occasion,
            String latest, Knowledge knowledge) {
        AgentCoachingSuggestion.Builder coaching = AgentCoachingSuggestion.newBuilder();
        for (AgentCoachingInstruction instruction : generator.getAgentCoachingContext().getInstructionsList()) {
            if (!applies(instruction, occasion, latest)) {
                continue;
            }
            int index = coaching.getApplicableInstructionsCount();
            coaching.addApplicableInstructions(instruction);
            String action = instruction.getAgentAction().isEmpty() ? instruction.getDisplayName()
                    : instruction.getAgentAction();
            coaching.addAgentActionSuggestions(AgentCoachingSuggestion.AgentActionSuggestion.newBuilder()
                    .setAgentAction(action)
                    .setSources(AgentCoachingSuggestion.Sources.newBuilder().addInstructionIndexes(index)));
        }
        knowledge.match(latest).stream().findFirst().ifPresent(entry -> coaching.addSampleResponses(
                AgentCoachingSuggestion.SampleResponse.newBuilder().setResponseText(entry.answer())));
        if (coaching.getApplicableInstructionsCount() == 0 && coaching.getSampleResponsesCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(GeneratorSuggestion.newBuilder().setAgentCoachingSuggestion(coaching).build());
    }

    /**
     * An instruction applies when its own triggering event (the generator's when unspecified) is one of the
     * occasion's and its condition concerns the latest message: "If the users want the instruction to be triggered
     * unconditionally, the condition can be empty."
     */
    private static boolean applies(AgentCoachingInstruction instruction, Set<TriggerEvent> occasion, String latest) {
        AgentCoachingInstruction.TriggerEvent own = instruction.getTriggeringEvent();
        boolean triggered = own == AgentCoachingInstruction.TriggerEvent.TRIGGER_EVENT_UNSPECIFIED
                || occasion.stream().anyMatch(event -> event.name().equals(own.name()));
        return triggered && (instruction.getCondition().isBlank() || Words.share(instruction.getCondition(), latest));
    }

    private static GeneratorSuggestion summary(Generator generator, List<Message> context, Knowledge knowledge) {
        List<SummarizationSection> sections = generator.getSummarizationContext().getSummarizationSectionsList();
        Map<String, String> written = SummarySections.write(sections.isEmpty() ? SummarySections.DEFAULT : sections,
                context, knowledge);
        SummarySuggestion.Builder summary = SummarySuggestion.newBuilder();
        written.forEach((section, text) -> summary.addSummarySections(
                SummarySuggestion.SummarySection.newBuilder().setSection(section).setSummary(text)));
        return GeneratorSuggestion.newBuilder().setSummarySuggestion(summary).build();
    }
}
