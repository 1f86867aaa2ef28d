package io.audiohook.connector.assist;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

/**
 * Turns one participant's StreamingAnalyzeContent responses into {@link AssistEvent}s: recognition results
 * (interim ones share their final's utterance id), analysed messages, and suggestions (addressed to the agent
 * whichever stream produced them). A failing sink is logged, never thrown back into the stream.
 */
final class ResultEvents {
    private static final Logger LOG = Logger.getLogger(ResultEvents.class);

    private final Participant.Role role;
    /** Bytes of 1/8000 s in the encoding sent: a stream's byte offsets to its clock's samples. */
    private final int bytesPerTimelineSample;
    private final StreamServices services;

    ResultEvents(Participant.Role role, int bytesPerTimelineSample, StreamServices services) {
        this.role = role;
        this.bytesPerTimelineSample = bytesPerTimelineSample;
        this.services = services;
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
            publish(new NewMessage(target.conversationName(), response.getMessage(), received), received);
        }
        if (response.getHumanAgentSuggestionResultsCount() > 0) {
            publish(new Suggestions(target.conversationName(), target.humanAgentName(),
                    response.getHumanAgentSuggestionResultsList(), received), received);
        }
        return finalResult;
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
