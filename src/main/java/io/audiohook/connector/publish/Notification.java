package io.audiohook.connector.publish;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantEvent;
import com.google.cloud.dialogflow.v2beta1.SuggestionResult;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.ConversationLifecycle;
import io.audiohook.connector.assist.ConversationSummary;
import io.audiohook.connector.assist.NewMessage;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.assist.Suggestions;

/**
 * An event as Dialogflow's Pub/Sub notification would carry it: the notification proto rendered as proto3 JSON
 * (lowerCamelCase, enums by name, defaults omitted, no whitespace), which the interceptor forwards as the
 * envelope's {@code data} string. Recognition results also carry the two Pub/Sub attributes the interceptor
 * copies into the envelope.
 *
 * @param participantRole for recognition results only, else null
 * @param utteranceId for recognition results only, else null
 */
public record Notification(DataType type, String data, String participantRole, String utteranceId) {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    public static Notification of(AssistEvent event) {
        if (event instanceof RecognitionResult r) {
            String json = RecognitionJson.write(r.conversationName(), r.result()); // the frequent one, written fast
            if (json == null) {
                json = print(ConversationEvent.newBuilder()
                        .setConversation(r.conversationName())
                        .setType(ConversationEvent.Type.NEW_RECOGNITION_RESULT)
                        .setNewRecognitionResultPayload(r.result())
                        .build());
            }
            return new Notification(DataType.NEW_RECOGNITION_RESULT, json, r.role().name(), r.utteranceId());
        }
        if (event instanceof NewMessage m) {
            String json = MessageJson.write(m.conversationName(), m.message()); // every final utterance
            if (json == null) {
                json = print(ConversationEvent.newBuilder()
                        .setConversation(m.conversationName())
                        .setType(ConversationEvent.Type.NEW_MESSAGE)
                        .setNewMessagePayload(m.message())
                        .build());
            }
            return new Notification(DataType.NEW_MESSAGE, json, null, null);
        }
        if (event instanceof Suggestions s) {
            return assistant(s.conversationName(), s.participantName(), s.results());
        }
        if (event instanceof ConversationSummary summary) {
            return assistant(summary.conversationName(), summary.participantName(),
                    List.of(summary.asSuggestionResult()));
        }
        return new Notification(DataType.CONVERSATION_LIFECYCLE, lifecycle((ConversationLifecycle) event), null, null);
    }

    /**
     * Two per call (started, finished), written by hand too. The unset type goes to {@code JsonFormat}, which leaves
     * it out; an unrecognised one its builder refuses, as it always did (a render drop, counted).
     */
    private static String lifecycle(ConversationLifecycle l) {
        ConversationEvent.Type type = l.type();
        if (type == ConversationEvent.Type.TYPE_UNSPECIFIED || type == ConversationEvent.Type.UNRECOGNIZED) {
            return print(ConversationEvent.newBuilder().setConversation(l.conversationName()).setType(type).build());
        }
        StringBuilder json = new StringBuilder(64 + l.conversationName().length());
        MessageJson.event(json, l.conversationName(), type.name());
        return json.append('}').toString();
    }

    /** What Dialogflow's {@code HumanAgentAssistantEvent} notification carries for one participant. */
    private static Notification assistant(String conversation, String participant, List<SuggestionResult> results) {
        // the features that suggest on every utterance, written fast
        String json = SuggestionJson.write(conversation, participant, results);
        if (json != null) {
            return new Notification(DataType.HUMAN_AGENT_ASSISTANT, json, null, null);
        }
        HumanAgentAssistantEvent body = HumanAgentAssistantEvent.newBuilder()
                .setConversation(conversation)
                .setParticipant(participant)
                .addAllSuggestionResults(results)
                .build();
        return new Notification(DataType.HUMAN_AGENT_ASSISTANT, print(body), null, null);
    }

    static String print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            // only Any fields with unknown types fail, and these notifications have none
            throw new IllegalStateException("cannot render " + message.getClass().getSimpleName(), e);
        }
    }
}
