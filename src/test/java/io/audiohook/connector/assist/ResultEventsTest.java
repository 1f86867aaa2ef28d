package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.FaqAnswer;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SmartReplyAnswer;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestFaqAnswersResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestSmartRepliesResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/** What a participant's responses become: suggestions of both lists, addressed by role, errors said once. */
class ResultEventsTest {
    private static final String MESSAGE = "projects/p/locations/l/conversations/c/messages/m1";

    final ParticipantStreamTest harness = new ParticipantStreamTest();

    private static SuggestionResult faq(String latestMessage) {
        return SuggestionResult.newBuilder().setSuggestFaqAnswersResponse(SuggestFaqAnswersResponse.newBuilder()
                .addFaqAnswers(FaqAnswer.newBuilder().setQuestion("q").setAnswer("a")).setLatestMessage(latestMessage))
                .build();
    }

    private static SuggestionResult error(int code, String message) {
        return SuggestionResult.newBuilder().setError(com.google.rpc.Status.newBuilder().setCode(code)
                .setMessage(message)).build();
    }

    private List<Suggestions> suggestions() {
        return harness.events.stream().filter(e -> e instanceof Suggestions).map(e -> (Suggestions) e).toList();
    }

    @Test
    void humanAgentAndEndUserResultsGoToTheirOwnParticipant() {
        ParticipantStream stream = harness.started();
        SuggestionResult reply = SuggestionResult.newBuilder().setSuggestSmartRepliesResponse(
                SuggestSmartRepliesResponse.newBuilder().addSmartReplyAnswers(SmartReplyAnswer.newBuilder()
                        .setReply("Sure."))).build();
        harness.transport.last().respond(StreamingAnalyzeContentResponse.newBuilder()
                .setMessage(Message.newBuilder().setName(MESSAGE).setContent("hello"))
                .addHumanAgentSuggestionResults(reply)
                .addEndUserSuggestionResults(faq(MESSAGE))
                .build());

        List<Suggestions> got = suggestions();
        assertEquals(2, got.size());
        assertEquals(Participant.Role.HUMAN_AGENT, got.get(0).role());
        assertEquals(ParticipantStreamTest.TARGET.humanAgentName(), got.get(0).participantName());
        assertEquals(List.of(reply), got.get(0).results());
        assertEquals(MESSAGE, got.get(0).latestMessage(), "a result without its own message: the response's");
        assertEquals(Participant.Role.END_USER, got.get(1).role());
        assertEquals(ParticipantStreamTest.TARGET.endUserName(), got.get(1).participantName());
        assertEquals(1, stream.counters().messages(), "the message counts towards the summary's minimum");
    }

    @Test
    void suggestionsDeliveredApartFromTheirMessageBelongToTheLastMessage() {
        ParticipantStream stream = harness.started();
        harness.transport.last().respond(StreamingAnalyzeContentResponse.newBuilder()
                .setMessage(Message.newBuilder().setName(MESSAGE).setContent("hello")).build());
        harness.transport.last().respond(StreamingAnalyzeContentResponse.newBuilder()
                .addHumanAgentSuggestionResults(error(5, "Knowledge base kb not found.")).build());
        harness.transport.last().respond(StreamingAnalyzeContentResponse.newBuilder()
                .addHumanAgentSuggestionResults(faq("projects/p/locations/l/conversations/c/messages/m0")).build());

        List<Suggestions> got = suggestions();
        assertEquals(MESSAGE, got.get(0).latestMessage());
        assertEquals("projects/p/locations/l/conversations/c/messages/m0", got.get(1).latestMessage(),
                "a result that names its message keeps it");
        assertEquals(1, stream.counters().messages());
    }

    @Test
    void anErrorResultIsPublishedAndSaidOnceAtWarn() {
        ParticipantStream stream = harness.started();
        for (int i = 0; i < 3; i++) {
            harness.transport.last().respond(StreamingAnalyzeContentResponse.newBuilder()
                    .addHumanAgentSuggestionResults(error(5, "Knowledge base kb not found.")).build());
        }
        assertEquals(3, suggestions().size(), "every error result reaches the desktop");
        assertTrue(suggestions().get(0).results().get(0).hasError());
        assertTrue(harness.warnings.said("suggestion-error-NOT_FOUND"));
        assertEquals(ParticipantState.STREAMING, stream.state(), "never the end of the participant's assistance");
        assertFalse(harness.warnings.said("suggestion-error-INTERNAL"));
    }

    @Test
    void kindsAreNamedAsTheirJsonFields() {
        assertEquals("suggestFaqAnswersResponse", SuggestionResults.kind(faq("")));
        assertEquals("error", SuggestionResults.kind(error(13, "x")));
        assertEquals("", SuggestionResults.latestMessage(error(13, "x")));
        assertEquals(MESSAGE, SuggestionResults.latestMessage(faq(MESSAGE)));
    }
}
