package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsRequest;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryRequest;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryResponse;
import com.google.cloud.dialogflow.v2beta1.SummarySuggestion;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Conversations.SuggestConversationSummary and GenerateSuggestions, and Generators.GetGenerator, through Google's
 * client over real gRPC: summaries are built from what the conversation's participants actually said.
 */
@QuarkusTest
class SummariesTest extends EmulatorTesting {
    static final String CUSTOMER_SAID = "The customer said: Hi, I lost my bank card. What is my balance? "
            + "Thanks. Can I get a new card?";
    static final String AGENT_SAID = "The agent said: I blocked the card. Your balance is four hundred dollars. "
            + "Yes, it will arrive in five days.";
    final EmulatedCall.Fixture fixture = EmulatedCall.Fixture.load();

    @Test
    void theProfilesSectionsFromWhatWasSaid() {
        List<Message> messages = talk(call);
        SuggestConversationSummaryResponse response = df.conversations.suggestConversationSummary(call.conversation());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("situation", CUSTOMER_SAID);
        expected.put("action", AGENT_SAID);
        expected.put("resolution", "RESOLVED");
        expected.put("customer_satisfaction", "Satisfied");
        SuggestConversationSummaryResponse.Summary summary = response.getSummary();
        assertEquals(expected, summary.getTextSectionsMap());
        assertEquals("situation: " + CUSTOMER_SAID + "\naction: " + AGENT_SAID
                + "\nresolution: RESOLVED\ncustomer_satisfaction: Satisfied", summary.getText(), "in section order");
        assertEquals("2.0", summary.getBaselineModelVersion());
        assertTrue(summary.getAnswerRecord().startsWith(EmulatedCall.PARENT + "/answerRecords/"));
        assertEquals(messages.get(3).getName(), response.getLatestMessage());
        assertEquals(4, response.getContextSize());
    }

    @Test
    void withoutConfiguredSectionsSituationActionResolutionOfTheChosenContext() {
        EmulatedCall all = EmulatedCall.create(df, EmulatedCall.ALL_KINDS);
        List<Message> messages = talk(all);
        SuggestConversationSummaryResponse response = df.conversations.suggestConversationSummary(
                SuggestConversationSummaryRequest.newBuilder().setConversation(all.conversation())
                        .setLatestMessage(messages.get(1).getName()).setContextSize(1).build());
        assertEquals(List.of("situation", "action", "resolution"),
                List.copyOf(response.getSummary().getTextSectionsMap().keySet()));
        assertEquals("The customer said: Thanks. Can I get a new card?",
                response.getSummary().getTextSectionsOrThrow("situation"), "only the latest message, one of context");
        assertEquals("The agent said nothing.", response.getSummary().getTextSectionsOrThrow("action"));
        assertEquals("", response.getSummary().getBaselineModelVersion(), "no baseline model configured");
        assertEquals(messages.get(1).getName(), response.getLatestMessage());
        assertEquals(1, response.getContextSize());
    }

    @Test
    void summariesAreRefusedWithoutTheFeatureMessagesOrConversation() {
        EmulatedCall noSummary = EmulatedCall.create(df, EmulatedCall.NO_SUMMARY);
        talk(noSummary);
        FailedPreconditionException feature = assertThrows(FailedPreconditionException.class,
                () -> df.conversations.suggestConversationSummary(noSummary.conversation()));
        assertTrue(feature.getMessage().contains("has no CONVERSATION_SUMMARIZATION feature"), feature.getMessage());

        FailedPreconditionException silent = assertThrows(FailedPreconditionException.class,
                () -> df.conversations.suggestConversationSummary(call.conversation()));
        assertTrue(silent.getMessage().contains("has no messages yet"), silent.getMessage());
        assertThrows(NotFoundException.class, () -> df.conversations.suggestConversationSummary(
                EmulatedCall.PARENT + "/conversations/absent"));
        assertThrows(InvalidArgumentException.class, () -> df.conversations.suggestConversationSummary(
                SuggestConversationSummaryRequest.newBuilder().setConversation(call.conversation())
                        .setContextSize(1001).build()));
        assertThrows(NotFoundException.class, () -> df.conversations.suggestConversationSummary(
                SuggestConversationSummaryRequest.newBuilder().setConversation(call.conversation())
                        .setLatestMessage(call.conversation() + "/messages/absent").build()));
    }

    @Test
    void aCompletedConversationIsNotSummarized() {
        talk(call);
        df.conversations.completeConversation(call.conversation());
        com.google.api.gax.rpc.ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                com.google.api.gax.rpc.ApiException.class,
                () -> df.conversations.suggestConversationSummary(call.conversation()));
        assertEquals(com.google.api.gax.rpc.StatusCode.Code.FAILED_PRECONDITION, refused.getStatusCode().getCode());
        assertTrue(refused.getMessage().contains("has completed"), refused.getMessage());
    }

    @Test
    void summariesTakeTheirOwnInjectedLatencyWithoutSlowingSetup() {
        talk(call);
        EmulatedCall generators = EmulatedCall.create(df, EmulatedCall.GENERATORS);
        talk(generators);
        control.setSummaryLatency(Duration.ofMillis(500));
        long start = System.nanoTime();
        df.conversations.getConversation(call.conversation());
        assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "setup stays fast");

        start = System.nanoTime();
        df.conversations.suggestConversationSummary(call.conversation());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(500).toNanos(), "the summary is slow");
        start = System.nanoTime();
        df.conversations.generateSuggestions(GenerateSuggestionsRequest.newBuilder()
                .setConversation(generators.conversation()).addTriggerEvents(TriggerEvent.MANUAL_CALL).build());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(500).toNanos(), "so is generating");

        control.reset();
        start = System.nanoTime();
        df.conversations.suggestConversationSummary(call.conversation());
        assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "reset undoes it");
    }

    @Test
    void generateSuggestionsRunsTheGeneratorsListedByTriggerEvent() {
        EmulatedCall generators = EmulatedCall.create(df, EmulatedCall.GENERATORS);
        List<Message> messages = talk(generators);
        GenerateSuggestionsResponse manual = df.conversations.generateSuggestions(GenerateSuggestionsRequest
                .newBuilder().setConversation(generators.conversation()).addTriggerEvents(TriggerEvent.MANUAL_CALL)
                .build());
        assertEquals(1, manual.getGeneratorSuggestionAnswersCount());
        GenerateSuggestionsResponse.GeneratorSuggestionAnswer answer = manual.getGeneratorSuggestionAnswers(0);
        assertEquals(EmulatedCall.PARENT + "/generators/emulated-summary", answer.getSourceGenerator());
        assertTrue(answer.getAnswerRecord().startsWith(EmulatedCall.PARENT + "/answerRecords/"));
        List<SummarySuggestion.SummarySection> sections = answer.getGeneratorSuggestion().getSummarySuggestion()
                .getSummarySectionsList();
        assertEquals(List.of("situation", "card_status", "resolution"),
                sections.stream().map(SummarySuggestion.SummarySection::getSection).toList());
        assertEquals(CUSTOMER_SAID, sections.get(0).getSummary());
        assertEquals("Customer: Hi, I lost my bank card. What is my balance? Customer: Thanks. Can I get a new card? "
                + "Agent: I blocked the card. Your balance is four hundred dollars.", sections.get(1).getSummary(),
                "the utterances that concern what happened to the card");
        assertEquals(messages.get(3).getName(), manual.getLatestMessage());

        assertEquals(0, df.conversations.generateSuggestions(GenerateSuggestionsRequest.newBuilder()
                .setConversation(generators.conversation()).addTriggerEvents(TriggerEvent.END_OF_UTTERANCE).build())
                .getGeneratorSuggestionAnswersCount(), "the summary generator is MANUAL_CALL only");
        assertThrows(InvalidArgumentException.class, () -> df.conversations.generateSuggestions(
                generators.conversation()));
        FailedPreconditionException none = assertThrows(FailedPreconditionException.class,
                () -> df.conversations.generateSuggestions(GenerateSuggestionsRequest.newBuilder()
                        .setConversation(call.conversation()).addTriggerEvents(TriggerEvent.MANUAL_CALL).build()));
        assertTrue(none.getMessage().contains("has no generators"), none.getMessage());
    }

    @Test
    void generatorsAreReadByName() {
        String name = EmulatedCall.PARENT + "/generators/emulated-summary";
        Generator generator = df.generators.getGenerator(name);
        assertEquals(name, generator.getName());
        assertEquals(TriggerEvent.MANUAL_CALL, generator.getTriggerEvent());
        assertEquals(3, generator.getSummarizationContext().getSummarizationSectionsCount());
        assertThrows(NotFoundException.class, () -> df.generators.getGenerator(EmulatedCall.PARENT + "/generators/x"));
        assertThrows(InvalidArgumentException.class, () -> df.generators.getGenerator("generators/x"));
    }

    /** The customer's side of the fixture, then the agent's: four messages in that order. */
    private List<Message> talk(EmulatedCall conversation) {
        List<Message> messages = new java.util.ArrayList<>(StreamingAnalyzeContentTest.messages(
                AnalyzeCall.speak(df.participants, conversation.customer(), fixture.customer())));
        messages.addAll(StreamingAnalyzeContentTest.messages(
                AnalyzeCall.speak(df.participants, conversation.agent(), fixture.agent())));
        assertEquals(4, messages.size());
        return messages;
    }
}
