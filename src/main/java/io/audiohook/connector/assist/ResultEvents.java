package io.audiohook.connector.assist;

import java.util.List;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

/**
 * Turns one participant's StreamingAnalyzeContent responses into {@link AssistEvent}s: recognition results
 * (interim ones share their final's utterance id), analysed messages, and the suggestions of both lists:
 * {@code human_agent_suggestion_results} addressed to the human agent and {@code end_user_suggestion_results} to the
 * end user, whichever stream's utterance produced them. A suggestion that failed ({@code error}) is published like
 * any other (the desktop shows it) and said once per call at WARN. A failing sink is logged, never thrown back into
 * the stream.
 *
 * <p>Not thread-safe: its {@link ParticipantStream} guards it.
 */
final class ResultEvents {
    private static final Logger LOG = Logger.getLogger(ResultEvents.class);

    private final String sessionId;
    private final Participant.Role role;
    /** Bytes of 1/8000 s in the encoding sent: a stream's byte offsets to its clock's samples. */
    private final int bytesPerTimelineSample;
    private final StreamServices services;
    private final CallWarnings warnings;
    private final ParticipantCounters counters;
    /** Suggestions delivered apart from their message (ungrouped) belong to the last message of this stream. */
    private String lastMessage = "";

    ResultEvents(String sessionId, Participant.Role role, int bytesPerTimelineSample, StreamServices services,
            CallWarnings warnings, ParticipantCounters counters) {
        this.sessionId = sessionId;
        this.role = role;
        this.bytesPerTimelineSample = bytesPerTimelineSample;
        this.services = services;
        this.warnings = warnings;
        this.counters = counters;
    }

    /** @return the final recognition result in the response, or null */
    StreamingRecognitionResult publish(StreamTarget target, StreamAttempt attempt,
            StreamingAnalyzeContentResponse response, long received) {
        StreamingRecognitionResult finalResult = null;
        if (response.hasRecognitionResult()) {
            StreamingRecognitionResult result = response.getRecognitionResult();
            Placement placement = Placement.of(result, attempt.clock,
                    attempt.lastFinalEndBytes / bytesPerTimelineSample);
            publish(new RecognitionResult(target.conversationName(), role, target.participantName(), result,
                    attempt.utteranceId(), placement, attempt.language, received), received);
            if (result.getIsFinal()) {
                finalResult = result;
            }
        }
        if (response.hasMessage()) {
            lastMessage = response.getMessage().getName();
            counters.messages.incrementAndGet();
            publish(new NewMessage(target.conversationName(), response.getMessage(), received), received);
        }
        suggestions(target, Participant.Role.HUMAN_AGENT, target.humanAgentName(),
                response.getHumanAgentSuggestionResultsList(), received);
        suggestions(target, Participant.Role.END_USER, target.endUserName(),
                response.getEndUserSuggestionResultsList(), received);
        return finalResult;
    }

    private void suggestions(StreamTarget target, Participant.Role forRole, String participant,
            List<SuggestionResult> results, long received) {
        if (results.isEmpty()) {
            return;
        }
        for (SuggestionResult result : results) {
            String kind = SuggestionResults.kind(result);
            services.metrics().suggestion(kind, forRole.name());
            if (result.hasError()) {
                failed(forRole, result);
            }
        }
        publish(new Suggestions(target.conversationName(), forRole, participant,
                SuggestionResults.latestMessage(results, lastMessage), results, received), received);
    }

    /** Dialogflow fails a feature silently, with the error in its result: worth a word, never the call's end. */
    private void failed(Participant.Role forRole, SuggestionResult result) {
        com.google.rpc.Status error = result.getError();
        String code = io.grpc.Status.fromCodeValue(error.getCode()).getCode().name();
        services.metrics().suggestionError(code);
        // the code says what to look at; Dialogflow's text may quote the conversation, so it is for DEBUG only
        warnings.warnOnce("suggestion-error-" + code, "session %s: an Agent Assist feature for the %s failed with "
                + "%s; its error result is published as it is and the call goes on (later ones, and Dialogflow's text, "
                + "at DEBUG)", sessionId, forRole, code);
        LOG.debugf("session %s: suggestion error %s: %s", sessionId, code, error.getMessage());
    }

    private void publish(AssistEvent event, long received) {
        services.latencies().responseToSink(services.timers().nanoTime() - received);
        try {
            services.sink().accept(event);
        } catch (RuntimeException e) {
            LOG.warnf("event sink failed: %s", e.toString());
        }
    }
}
