package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/**
 * The responses that follow a finalized utterance: the analysed message and the suggestions its conversation's
 * profile asks for, for the human agent ({@code human_agent_suggestion_results}) and the end user
 * ({@code end_user_suggestion_results}). Each role's {@code group_suggestion_responses} decides the shape:
 * grouped, "all the suggestions to the same participant based on the same context will be grouped into a single
 * … StreamingAnalyzeContentResponse" (the message's); not grouped, "different type of suggestions based on the
 * same context will be in separate … StreamingAnalyzeContentResponse", one per result after the message.
 */
final class UtteranceSuggestions {
    private UtteranceSuggestions() {
    }

    /** Also keeps the message in its conversation, for summaries and generators. */
    static List<StreamingAnalyzeContentResponse> respond(Message message, AssistProfile profile, Knowledge knowledge,
            StoredConversation conversation) {
        conversation.messages.add(message);
        UtteranceContext context = UtteranceContext.of(message, knowledge, conversation);
        List<SuggestionResult> forAgent = FeatureResults.of(profile.forAgent(), Participant.Role.HUMAN_AGENT, context);
        List<SuggestionResult> forCustomer = FeatureResults.of(profile.forCustomer(), Participant.Role.END_USER,
                context);

        StreamingAnalyzeContentResponse.Builder first = StreamingAnalyzeContentResponse.newBuilder().setMessage(message);
        List<StreamingAnalyzeContentResponse> responses = new ArrayList<>();
        if (profile.forAgent().grouped()) {
            first.addAllHumanAgentSuggestionResults(forAgent);
        }
        if (profile.forCustomer().grouped()) {
            first.addAllEndUserSuggestionResults(forCustomer);
        }
        responses.add(first.build());
        if (!profile.forAgent().grouped()) {
            forAgent.forEach(result -> responses.add(StreamingAnalyzeContentResponse.newBuilder()
                    .addHumanAgentSuggestionResults(result).build()));
        }
        if (!profile.forCustomer().grouped()) {
            forCustomer.forEach(result -> responses.add(StreamingAnalyzeContentResponse.newBuilder()
                    .addEndUserSuggestionResults(result).build()));
        }
        return responses;
    }
}
