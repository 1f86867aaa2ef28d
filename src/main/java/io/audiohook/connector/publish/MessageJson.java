package io.audiohook.connector.publish;

import com.google.cloud.dialogflow.v2beta1.AnnotatedMessagePart;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.MessageAnnotation;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.Sentiment;
import com.google.protobuf.util.Timestamps;

/**
 * The new-message notification ({@code ConversationEvent} of type {@code NEW_MESSAGE}: every final utterance, with
 * its sentiment) written as protobuf's {@code JsonFormat} writes it, without its reflection ({@link ProtoJson}).
 * A message with what only {@code JsonFormat} writes (response messages, an annotation part's formatted value, a
 * timestamp out of range) is left to it: {@link #write} answers null. A property test holds it to
 * {@code JsonFormat}'s output.
 */
final class MessageJson {

    private MessageJson() {
    }

    /** The notification's JSON, or null when only {@code JsonFormat} can write it. */
    static String write(String conversation, Message m) {
        if (m.getResponseMessagesCount() > 0 || m.hasCreateTime() && !Timestamps.isValid(m.getCreateTime())
                || m.hasSendTime() && !Timestamps.isValid(m.getSendTime())) {
            return null;
        }
        for (AnnotatedMessagePart part : m.getMessageAnnotation().getPartsList()) {
            if (part.hasFormattedValue()) {
                return null;
            }
        }
        StringBuilder json = new StringBuilder(384 + m.getContent().length() + m.getName().length());
        event(json, conversation, "NEW_MESSAGE").name("newMessagePayload").append('{');
        ProtoJson f = new ProtoJson(json);
        f.string("name", m.getName());
        f.string("content", m.getContent());
        f.string("languageCode", m.getLanguageCode());
        f.string("participant", m.getParticipant());
        int role = m.getParticipantRoleValue();
        f.enumeration("participantRole", role, Participant.Role.forNumber(role));
        if (m.hasCreateTime()) {
            f.timestamp("createTime", m.getCreateTime());
        }
        if (m.hasMessageAnnotation()) {
            annotation(f.name("messageAnnotation"), m.getMessageAnnotation());
        }
        if (m.hasSentimentAnalysis()) {
            f.name("sentimentAnalysis").append('{');
            if (m.getSentimentAnalysis().hasQueryTextSentiment()) {
                Sentiment s = m.getSentimentAnalysis().getQueryTextSentiment();
                ProtoJson sentiment = new ProtoJson(new ProtoJson(json).name("queryTextSentiment").append('{'));
                sentiment.float32("score", s.getScore());
                sentiment.float32("magnitude", s.getMagnitude());
                json.append('}');
            }
            json.append('}');
        }
        if (m.hasSendTime()) {
            f.timestamp("sendTime", m.getSendTime());
        }
        return json.append("}}").toString();
    }

    /**
     * Opens a {@code ConversationEvent}: its conversation (unless empty) and type, in field-number order; the caller
     * writes the payload through the answer and closes the object.
     */
    static ProtoJson event(StringBuilder json, String conversation, String type) {
        json.append('{');
        ProtoJson event = new ProtoJson(json);
        event.string("conversation", conversation);
        event.name("type").append('"').append(type).append('"');
        return event;
    }

    private static void annotation(StringBuilder json, MessageAnnotation a) {
        json.append('{');
        ProtoJson f = new ProtoJson(json);
        if (a.getPartsCount() > 0) {
            f.name("parts").append('[');
            for (int i = 0; i < a.getPartsCount(); i++) {
                AnnotatedMessagePart part = a.getParts(i);
                (i == 0 ? json : json.append(',')).append('{');
                ProtoJson p = new ProtoJson(json);
                p.string("text", part.getText());
                p.string("entityType", part.getEntityType());
                json.append('}');
            }
            json.append(']');
        }
        f.bool("containEntities", a.getContainEntities());
        json.append('}');
    }
}
