package io.audiohook.connector.publish;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The Redis message body the UI connector relays to the desktop, field for field and in the order Google's
 * Pub/Sub interceptor writes them: {@code conversation_name, data, data_type, ack_time, publish_time, message_id}
 * and, for recognition results, {@code participant_role, new_recognition_result_message_id}. The UI connector
 * stalls its whole Redis thread for 2 s on a body it cannot parse, so nothing else is ever written.
 */
public final class UiConnectorEnvelope {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter ACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PUBLISH_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private UiConnectorEnvelope() {
    }

    /**
     * @param conversationKey the conversation name without location (also the socket.io room)
     * @param ackTime when we hand it to Redis (the interceptor's clock when it handled the push)
     * @param publishTime when the event was produced (Pub/Sub's publishTime)
     */
    public static String render(String conversationKey, Notification notification, Instant ackTime,
            Instant publishTime, String messageId) {
        StringWriter out = new StringWriter(notification.data().length() + 320);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("conversation_name", conversationKey);
            json.writeStringField("data", notification.data());
            json.writeStringField("data_type", notification.type().wire());
            json.writeStringField("ack_time", ackTime(ackTime));
            json.writeStringField("publish_time", publishTime(publishTime));
            json.writeStringField("message_id", messageId);
            if (notification.type() == DataType.NEW_RECOGNITION_RESULT) {
                json.writeStringField("participant_role", orEmpty(notification.participantRole()));
                json.writeStringField("new_recognition_result_message_id", orEmpty(notification.utteranceId()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, truncated to the second. */
    public static String ackTime(Instant instant) {
        return ACK_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** RFC 3339 UTC with milliseconds. */
    public static String publishTime(Instant instant) {
        return PUBLISH_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
