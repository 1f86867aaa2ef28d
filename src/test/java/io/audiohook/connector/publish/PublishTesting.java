package io.audiohook.connector.publish;

import static io.audiohook.connector.testkit.TestCalls.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.assist.AssistEvent;
import io.audiohook.connector.assist.ConversationLifecycle;
import io.audiohook.connector.assist.RecentAssistEvents;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.testkit.TestCalls;

/** What the publishing tests share. */
final class PublishTesting {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final WavAudioSource.Wav SPEECH = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
    static final String PROJECT = "projects/emulated-project";
    static final List<String> ENVELOPE_FIELDS = List.of("conversation_name", "data", "data_type", "ack_time",
            "publish_time", "message_id");
    static final List<String> RECOGNITION_FIELDS = List.of("conversation_name", "data", "data_type", "ack_time",
            "publish_time", "message_id", "participant_role", "new_recognition_result_message_id");

    private PublishTesting() {
    }

    /** A Genesys conversation id and the Dialogflow name the connector gives it. */
    record Conversation(String genesysId, String fullName, String key) {
        static Conversation create() {
            String id = UUID.randomUUID().toString();
            String full = PROJECT + "/locations/us-central1/conversations/a" + id;
            return new Conversation(id, full, PROJECT + "/conversations/a" + id);
        }
    }

    static boolean finished(RecentAssistEvents events, String name) {
        return events.events(name, ConversationLifecycle.class).stream()
                .anyMatch(l -> l.type() == com.google.cloud.dialogflow.v2beta1.ConversationEvent.Type.CONVERSATION_FINISHED);
    }

    static boolean hasFinished(List<UiConnectorDouble.Received> received) {
        return received.stream().anyMatch(r -> r.dataType().equals("conversation-lifecycle-event")
                && r.data().get("type").asText().equals("CONVERSATION_FINISHED"));
    }

    static List<Long> ids(List<UiConnectorDouble.Received> received) {
        return received.stream().map(r -> Long.parseLong(r.messageId())).toList();
    }

    static void assertStrictlyIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "message " + i + " overtook an earlier one: " + ids);
        }
    }

    /**
     * Every envelope has exactly the interceptor's fields, in its order and formats, for this conversation; and
     * what arrived is, in content, exactly the events the assist layer produced (their data as Dialogflow would
     * render them), the recognition results of each role in their order.
     */
    static void assertEnvelopes(Conversation conversation, List<UiConnectorDouble.Received> received,
            List<AssistEvent> produced) {
        for (UiConnectorDouble.Received r : received) {
            JsonNode e = r.envelope();
            List<String> names = new ArrayList<>();
            e.fieldNames().forEachRemaining(names::add);
            boolean recognition = r.dataType().equals("new-recognition-result-notification-event");
            assertEquals(recognition ? RECOGNITION_FIELDS : ENVELOPE_FIELDS, names, r.body());
            assertEquals(conversation.key(), e.get("conversation_name").asText());
            assertTrue(r.channel().endsWith(":" + conversation.key()), r.channel());
            assertTrue(e.get("ack_time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), r.body());
            assertTrue(e.get("publish_time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), r.body());
            assertTrue(e.get("ack_time").asText().compareTo(e.get("publish_time").asText().substring(0, 19) + "Z") >= 0,
                    "acknowledged before published: " + r.body());
            assertTrue(r.messageId().matches("[1-9][0-9]*"), r.body());
            assertEquals(conversation.fullName(), r.data().get("conversation").asText(), "data names the full conversation");
        }
        List<String> got = new ArrayList<>(received.stream().map(r -> r.dataType() + " " + r.envelope().get("data").asText()
                + recognitionAttributes(r)).toList());
        List<String> expected = new ArrayList<>(produced.stream().map(PublishTesting::expected).toList());
        for (String role : List.of("END_USER", "HUMAN_AGENT")) {
            assertEquals(expected.stream().filter(s -> s.endsWith(" " + role + "-attrs")).toList().size(),
                    got.stream().filter(s -> s.endsWith(" " + role + "-attrs")).toList().size(), role);
            assertEquals(only(expected, "new-recognition-result-notification-event", role),
                    only(got, "new-recognition-result-notification-event", role), role + " results in order");
        }
        Collections.sort(got);
        Collections.sort(expected);
        assertEquals(expected, got, "every event once, nothing else");
    }

    private static List<String> only(List<String> items, String type, String role) {
        return items.stream().filter(s -> s.startsWith(type) && s.endsWith(" " + role + "-attrs")).toList();
    }

    private static String recognitionAttributes(UiConnectorDouble.Received r) {
        JsonNode role = r.envelope().get("participant_role");
        return role == null ? "" : " utt=" + r.envelope().get("new_recognition_result_message_id").asText() + " "
                + role.asText() + "-attrs";
    }

    private static String expected(AssistEvent event) {
        Notification n = Notification.of(event);
        String attributes = n.participantRole() == null ? "" : " utt=" + n.utteranceId() + " " + n.participantRole() + "-attrs";
        return n.type().wire() + " " + n.data() + attributes;
    }

    static void eventually(String what, BooleanSupplier condition) {
        TestCalls.eventually(what, WAIT, condition);
    }
}
