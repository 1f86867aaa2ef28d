package io.audiohook.connector.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.ConversationSummary;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.Placement;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.assist.Suggestions;

/**
 * Turns events into durable transcript records: an utterance per analysed message, the suggestions compiled for it,
 * and the summary. The utterance comes from {@link NewMessage}, not from the final recognition result: the message
 * is what Dialogflow stored for the utterance (its name, create time and sentiment), and every final result is
 * followed by one. Offsets are only in the recognition result, so the last final result of each participant is
 * remembered until its message arrives. They are positions on the call's AudioHook timeline (pauses do not advance
 * it, discarded audio does), not times of the stream that recognised the utterance. Suggestions name their utterance
 * by its message.
 */
final class TranscriptLines {
    /** Bounds the memory of participants whose message never came (a stream that failed after a final). */
    private static final int MAX_REMEMBERED = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULTS_FIELD = "\"suggestionResults\":";

    private record Offsets(Optional<String> start, Optional<String> end) {
    }

    private final Map<String, Offsets> lastFinal = new ConcurrentHashMap<>();

    /** @param rendered the event as the desktop gets it: the suggestions are kept as they were rendered there */
    Optional<TranscriptRecord> record(AssistEvent event, Notification rendered) {
        if (event instanceof RecognitionResult r && r.result().getIsFinal()) {
            if (lastFinal.size() >= MAX_REMEMBERED) {
                lastFinal.clear();
            }
            lastFinal.put(r.participantName(), offsets(r));
            return Optional.empty();
        }
        if (event instanceof NewMessage m) {
            return utterance(m.message());
        }
        if (event instanceof Suggestions s) {
            return Optional.of(new SuggestionEntry("", s.role().name(), s.participantName(), s.latestMessage(),
                    results(rendered.data()), Instant.now().toString()));
        }
        if (event instanceof ConversationSummary summary) {
            return Optional.of(new SummaryEntry("", summary.participantName(), summary.source(), summary.generator(),
                    summary.text(), sections(summary), summary.answerRecord(), summary.latestMessage(),
                    Instant.now().toString()));
        }
        return Optional.empty();
    }

    private Optional<TranscriptRecord> utterance(Message message) {
        if (message.getContent().isBlank()) {
            return Optional.empty();
        }
        Offsets offsets = Optional.ofNullable(lastFinal.remove(message.getParticipant()))
                .orElse(new Offsets(Optional.empty(), Optional.empty()));
        boolean sentiment = message.hasSentimentAnalysis() && message.getSentimentAnalysis().hasQueryTextSentiment();
        return Optional.of(new TranscriptEntry("", message.getParticipantRole().name(), message.getParticipant(),
                message.getContent(), message.getLanguageCode(), offsets.start(), offsets.end(),
                sentiment ? Optional.of(message.getSentimentAnalysis().getQueryTextSentiment().getScore())
                        : Optional.empty(),
                sentiment ? Optional.of(message.getSentimentAnalysis().getQueryTextSentiment().getMagnitude())
                        : Optional.empty(),
                message.getName(), message.hasCreateTime() ? Timestamps.toString(message.getCreateTime()) : "",
                message.hasSendTime() ? Optional.of(Timestamps.toString(message.getSendTime())) : Optional.empty()));
    }

    /**
     * The {@code suggestionResults} array of a rendered {@code HumanAgentAssistantEvent}: the last field, as protobuf
     * prints fields in number order (conversation 1, participant 3, suggestion_results 5). Rendering JSON is the
     * publisher's largest cost, so the results are not rendered a second time for the transcript.
     */
    static String results(String assistantEvent) {
        int at = assistantEvent.indexOf(RESULTS_FIELD);
        if (at < 0 || !assistantEvent.endsWith("]}")) {
            return "[]";
        }
        return assistantEvent.substring(at + RESULTS_FIELD.length(), assistantEvent.length() - 1);
    }

    private static String sections(ConversationSummary summary) {
        List<Map<String, String>> sections = new ArrayList<>();
        for (ConversationSummary.Section section : summary.sections()) {
            sections.add(Map.of("section", section.section(), "summary", section.summary()));
        }
        try {
            return JSON.writeValueAsString(sections);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always render", e);
        }
    }

    /** Where the utterance is on the call's AudioHook timeline: the same time base whichever stream recognised it. */
    private static Offsets offsets(RecognitionResult r) {
        Placement at = r.placement();
        if (at.start() < 0) {
            return new Offsets(Optional.empty(), Optional.empty()); // a stream that carried no audio
        }
        return new Offsets(Optional.of(Durations.toString(Durations.fromNanos(at.startNanos()))),
                Optional.of(Durations.toString(Durations.fromNanos(at.endNanos()))));
    }
}
