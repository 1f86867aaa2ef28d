package io.audiohook.connector.assist;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.GeneratorSuggestion;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.cloud.dialogflow.v2beta1.SummarySuggestion;

/**
 * The summary of a conversation, asked for when its call ended with {@code close}/{@code end}: for the agent's
 * after-call work.
 *
 * @param participantName the HUMAN_AGENT participant it is compiled for
 * @param source          the call that produced it: {@code suggestConversationSummary} (a profile with the
 *                        summarization feature) or {@code generateSuggestions} (a summarization generator)
 * @param generator       the generator's name for {@code generateSuggestions}, else empty
 * @param sections        in the order Dialogflow returned them
 * @param text            the whole summary as one text, as Dialogflow gave it (or the sections joined)
 * @param latestMessage   the last message it summarizes, when Dialogflow said
 */
public record ConversationSummary(String conversationName, String participantName, String source, String generator,
        List<Section> sections, String text, String answerRecord, String latestMessage, long receivedNanos)
        implements AssistEvent {

    public static final String SUGGEST_CONVERSATION_SUMMARY = "suggestConversationSummary";
    public static final String GENERATE_SUGGESTIONS = "generateSuggestions";
    /** The one section a summary without sections is published as. */
    public static final String TEXT_ONLY_SECTION = "summary";

    /** One named part of the summary ({@code situation}, {@code action}, a custom section, …). */
    public record Section(String section, String summary) {
    }

    public ConversationSummary {
        sections = List.copyOf(sections);
    }

    /**
     * As the desktop gets it through the unmodified UI connector: the only suggestion result that carries a
     * summary, a generator's {@code summarySuggestion}, whichever call produced it.
     */
    public SuggestionResult asSuggestionResult() {
        SummarySuggestion.Builder summary = SummarySuggestion.newBuilder();
        // a summary of text only (a baseline model without sections) goes as one section, or the desktop sees none
        for (Section section : sections.isEmpty() ? List.of(new Section(TEXT_ONLY_SECTION, text)) : sections) {
            summary.addSummarySections(SummarySuggestion.SummarySection.newBuilder().setSection(section.section())
                    .setSummary(section.summary()));
        }
        GenerateSuggestionsResponse.GeneratorSuggestionAnswer.Builder answer = GenerateSuggestionsResponse
                .GeneratorSuggestionAnswer.newBuilder()
                .setGeneratorSuggestion(GeneratorSuggestion.newBuilder().setSummarySuggestion(summary))
                .setSourceGenerator(generator)
                .setAnswerRecord(answerRecord);
        return SuggestionResult.newBuilder().setGenerateSuggestionsResponse(GenerateSuggestionsResponse.newBuilder()
                .addGeneratorSuggestionAnswers(answer).setLatestMessage(latestMessage)).build();
    }
}
