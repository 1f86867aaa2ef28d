package io.audiohook.connector.console;

import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.AssistEventSink;
import io.audiohook.connector.assist.ConversationLifecycle;
import io.audiohook.connector.assist.ConversationSummary;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.ProfileName;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.assist.SuggestionResults;
import io.audiohook.connector.assist.Suggestions;

/**
 * What Agent Assist says about a call, on its console time line: what a participant is saying now (interim
 * results, replaced in place), each final utterance as Dialogflow stored it (with its sentiment), the suggestions
 * and for whom, the summary, the conversation's start and end. Called on gRPC threads: it returns at once.
 */
public final class ConsoleEvents implements AssistEventSink {
    private final ConsoleBoard board;

    public ConsoleEvents(ConsoleBoard board) {
        this.board = board;
    }

    @Override
    public void accept(AssistEvent event) {
        Optional<BoardCall> found = board.ofConversation(ProfileName.genesysConversationId(event.conversationName()));
        if (found.isEmpty()) {
            return; // a conversation completed after its session ended, or of another instance
        }
        BoardCall call = found.get();
        long now = board.now();
        if (event instanceof RecognitionResult r) {
            if (!r.result().getIsFinal() && !r.result().getTranscript().isBlank()) {
                board.interim(call, r.role().name(), r.result().getTranscript());
            }
        } else if (event instanceof NewMessage m) {
            Message message = m.message();
            if (!message.getContent().isBlank()) {
                board.record(call, new TimelineEntry(now, "transcript", message.getParticipantRole().name(),
                        message.getContent(), sentiment(message)));
            }
        } else if (event instanceof Suggestions s) {
            for (SuggestionResult result : s.results()) {
                board.record(call, new TimelineEntry(now, "suggestion", s.role().name(), SuggestionText.of(result),
                        SuggestionResults.kind(result)));
            }
        } else if (event instanceof ConversationSummary summary) {
            StringJoiner text = new StringJoiner("\n");
            summary.sections().forEach(section -> text.add(section.section() + ": " + section.summary()));
            board.record(call, new TimelineEntry(now, "summary", "HUMAN_AGENT",
                    summary.sections().isEmpty() ? summary.text() : text.toString(), summary.source()));
        } else if (event instanceof ConversationLifecycle lifecycle) {
            board.record(call, new TimelineEntry(now, "lifecycle", null,
                    lifecycle.type().name().toLowerCase(Locale.ROOT).replace('_', ' '), null));
        }
    }

    private static String sentiment(Message message) {
        if (!message.hasSentimentAnalysis() || !message.getSentimentAnalysis().hasQueryTextSentiment()) {
            return null;
        }
        var sentiment = message.getSentimentAnalysis().getQueryTextSentiment();
        return String.format(Locale.ROOT, "sentiment %+.1f (magnitude %.1f)", sentiment.getScore(),
                sentiment.getMagnitude());
    }
}
