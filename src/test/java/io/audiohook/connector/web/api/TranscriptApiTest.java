package io.audiohook.connector.web.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.publish.TranscriptStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The transcript endpoint against the publisher's stream in a real Redis. The publisher has no write API of
 * its own to call here, so entries are added the way it writes them: XADD to {@link TranscriptStore#streamKey}.
 */
@QuarkusTest
class TranscriptApiTest {
    /** The %test conversation profile's project and location. */
    static final String PROFILE_PROJECT = "emulated-project";
    static final String LOCATION = "us-central1";

    @Inject
    TranscriptStore store;

    @Inject
    RedisDataSource redis;

    String genesysId;
    String fullName;

    @BeforeEach
    void aConversationWithThreeUtterances() {
        genesysId = UUID.randomUUID().toString();
        fullName = "projects/" + PROFILE_PROJECT + "/locations/" + LOCATION + "/conversations/a" + genesysId;
        append("END_USER", "Hello, my internet is down.");
        append("HUMAN_AGENT", "Sorry to hear that. Let me check.");
        append("END_USER", "Thanks — it's been out since this morning.");
    }

    @Test
    void byGenesysConversationId() {
        assertThreeInOrder(get(genesysId));
    }

    @Test
    void byDialogflowConversationId() {
        assertThreeInOrder(get("a" + genesysId));
    }

    @Test
    void byFullNameWithOrWithoutLocationEncodedOrNot() {
        String withoutLocation = "projects/" + PROFILE_PROJECT + "/conversations/a" + genesysId;
        for (String ref : List.of(fullName, withoutLocation)) {
            assertThreeInOrder(get(ref));
            assertThreeInOrder(get(URLEncoder.encode(ref, StandardCharsets.UTF_8)));
        }
    }

    @Test
    void unknownConversation() {
        for (String ref : List.of(UUID.randomUUID().toString(), "a" + UUID.randomUUID(),
                "projects/" + PROFILE_PROJECT + "/conversations/a" + UUID.randomUUID())) {
            get(ref).then().statusCode(404).body("message", equalTo("not found"));
        }
    }

    @Test
    void somethingThatIsNotAConversationIsNotFound() {
        for (String ref : List.of("x", "projects/p/other/a1234", "projects/p/conversations/a123/extra", "a b c")) {
            assertEquals(404, get(URLEncoder.encode(ref, StandardCharsets.UTF_8)).statusCode(), ref);
        }
    }

    private void assertThreeInOrder(Response reply) {
        reply.then().statusCode(200);
        JsonNode body = ApiRequests.json(reply);
        assertEquals("projects/" + PROFILE_PROJECT + "/conversations/a" + genesysId, body.path("conversation").asText());
        JsonNode utterances = body.path("utterances");
        assertEquals(3, utterances.size(), body.toString());
        assertEquals(List.of("Hello, my internet is down.", "Sorry to hear that. Let me check.",
                "Thanks — it's been out since this morning."),
                List.of(utterances.get(0).path("text").asText(), utterances.get(1).path("text").asText(),
                        utterances.get(2).path("text").asText()));
        assertEquals(List.of("END_USER", "HUMAN_AGENT", "END_USER"), List.of(utterances.get(0).path("role").asText(),
                utterances.get(1).path("role").asText(), utterances.get(2).path("role").asText()));
        assertEquals("1.500s", utterances.get(0).path("startOffset").asText());
        assertEquals("en-US", utterances.get(0).path("language").asText());
    }

    private Response get(String ref) {
        // the reference is sent as it is: encoded or not, with its slashes, as a desktop would
        return ApiRequests.asDesktop().urlEncodingEnabled(false).get("/api/v1/conversations/" + ref + "/transcript");
    }

    private void append(String role, String text) {
        String participant = fullName + "/participants/" + role.toLowerCase();
        redis.execute("XADD", store.streamKey(fullName), "*", "role", role, "participant", participant, "text", text,
                "language", "en-US", "start_offset", "1.500s", "end_offset", "3.200s",
                "message", fullName + "/messages/" + UUID.randomUUID(), "create_time", "2026-01-01T10:00:05.123Z");
    }
}
