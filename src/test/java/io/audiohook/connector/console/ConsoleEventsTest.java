package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.Sentiment;
import com.google.cloud.dialogflow.v2beta1.SentimentAnalysisResult;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.cloud.dialogflow.v2beta1.SuggestFaqAnswersResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

import io.audiohook.connector.assist.ConversationLifecycle;
import io.audiohook.connector.assist.ConversationSummary;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.assist.Suggestions;

class ConsoleEventsTest {
    private static final String CONVERSATION = "projects/p/locations/global/conversations/ac1";

    private final ConsoleFixtures fixtures = new ConsoleFixtures(20);
    private final ConsoleBoard board = fixtures.board;
    private final ConsoleEvents events = new ConsoleEvents(board);
    private final BoardCall call = board.started(ConsoleFixtures.call("s1", "c1"));

    @Test
    void interimResultsAreWhatAParticipantIsSayingAndTheStoredMessageIsTheLine() {
        events.accept(recognized("I lost my", false));
        assertEquals(List.of(new BoardCall.Interim("END_USER", "I lost my")), call.interim());

        events.accept(recognized("I lost my card.", true)); // a final goes on the line as Dialogflow stores it
        events.accept(new NewMessage(CONVERSATION, Message.newBuilder().setContent("I lost my card.")
                .setParticipantRole(Participant.Role.END_USER)
                .setSentimentAnalysis(SentimentAnalysisResult.newBuilder().setQueryTextSentiment(
                        Sentiment.newBuilder().setScore(-0.8f).setMagnitude(0.4f)))
                .build(), 0));

        assertTrue(call.interim().isEmpty());
        assertEquals(new TimelineEntry(fixtures.clock.get(), "transcript", "END_USER", "I lost my card.",
                "sentiment -0.8 (magnitude 0.4)"), call.timeline().get(call.timeline().size() - 1));
    }

    @Test
    void suggestionsSummariesAndTheConversationsLifeGoOnTheTimeLine() {
        events.accept(new ConversationLifecycle(CONVERSATION, ConversationEvent.Type.CONVERSATION_STARTED, 0));
        SuggestionResult faq = SuggestionResult.newBuilder().setSuggestFaqAnswersResponse(
                SuggestFaqAnswersResponse.newBuilder().addFaqAnswers(FaqAnswer.newBuilder()
                        .setQuestion("Lost card?").setAnswer("Block it in the app."))).build();
        events.accept(new Suggestions(CONVERSATION, Participant.Role.HUMAN_AGENT, "agent", "m1", List.of(faq), 0));
        events.accept(new ConversationSummary(CONVERSATION, "agent", "generator", "g", List.of(
                new ConversationSummary.Section("situation", "Card lost"),
                new ConversationSummary.Section("action", "Card blocked")), "", "", "m2", 0));

        assertEquals(List.of("protocol|null|open|PCMU 2 channel(s), monitor",
                "lifecycle|null|conversation started|null",
                "suggestion|HUMAN_AGENT|Lost card? Block it in the app.|suggestFaqAnswersResponse",
                "summary|HUMAN_AGENT|situation: Card lost\naction: Card blocked|generator"),
                call.timeline().stream().map(e -> e.kind() + "|" + e.role() + "|" + e.text() + "|" + e.detail())
                        .toList());
    }

    @Test
    void eventsOfAConversationNotOnThisInstanceAreIgnored() {
        events.accept(new ConversationLifecycle("projects/p/locations/global/conversations/aother",
                ConversationEvent.Type.CONVERSATION_STARTED, 0));

        assertEquals(1, call.timeline().size());
    }

    private static RecognitionResult recognized(String text, boolean isFinal) {
        return new RecognitionResult(CONVERSATION, Participant.Role.END_USER, "customer",
                StreamingRecognitionResult.newBuilder().setTranscript(text).setIsFinal(isFinal).build(), "u1", null,
                "en-US", 0);
    }
}
