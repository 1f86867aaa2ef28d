package io.audiohook.connector.web.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.publish.SuggestionEntry;
import io.audiohook.connector.publish.SummaryEntry;
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
    final List<String> messages = new java.util.ArrayList<>();

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

    @Test
    void suggestionsSitWithTheirUtteranceAndTheSummaryIsServedOnceWritten() {
        get(genesysId, "summary").then().statusCode(404).body("message", equalTo("not found"));
        String faq = "[{\"suggestFaqAnswersResponse\":{\"faqAnswers\":[{\"answer\":\"Restart the router.\"}],"
                + "\"latestMessage\":\"" + messages.get(0) + "\"}}]";
        write(new SuggestionEntry("", "HUMAN_AGENT", fullName + "/participants/human_agent", messages.get(0), faq,
                "2026-01-01T10:00:06Z"));
        write(new SuggestionEntry("", "END_USER", fullName + "/participants/end_user", "", "[{\"error\":{\"code\":5}}]",
                "2026-01-01T10:00:07Z"));
        write(new SuggestionEntry("", "END_USER", fullName + "/participants/end_user", messages.get(1), "{broken",
                "2026-01-01T10:00:08Z"));
        write(new SummaryEntry("", fullName + "/participants/human_agent", "suggestConversationSummary", "",
                "situation: Internet down.\nresolution: RESOLVED",
                "[{\"section\":\"situation\",\"summary\":\"Internet down.\"},"
                        + "{\"section\":\"resolution\",\"summary\":\"RESOLVED\"}]",
                "projects/" + PROFILE_PROJECT + "/locations/" + LOCATION + "/answerRecords/r1", messages.get(2),
                "2026-01-01T10:01:00Z"));

        JsonNode transcript = ApiRequests.json(get(genesysId, "transcript"));
        assertThreeInOrder(get(genesysId, "transcript"));
        JsonNode first = transcript.path("utterances").get(0).path("suggestions");
        assertEquals(1, first.size(), transcript.toString());
        assertEquals("HUMAN_AGENT", first.get(0).path("role").asText());
        assertEquals("Restart the router.", first.get(0).at("/results/0/suggestFaqAnswersResponse/faqAnswers/0/answer")
                .asText(), "served as JSON, as the desktop got it");
        assertEquals(0, transcript.path("utterances").get(1).path("suggestions").at("/0/results").size(),
                "stored text that is not a JSON array is served as an empty one: the answer stays JSON");
        assertEquals(1, transcript.path("suggestions").size(), "one that names no utterance comes after them");
        assertEquals(5, transcript.at("/suggestions/0/results/0/error/code").asInt());
        assertEquals("RESOLVED", transcript.at("/summary/sections/1/summary").asText());

        Response summary = get(genesysId, "summary");
        summary.then().statusCode(200);
        JsonNode body = ApiRequests.json(summary);
        assertEquals("projects/" + PROFILE_PROJECT + "/conversations/a" + genesysId, body.path("conversation").asText());
        assertEquals("suggestConversationSummary", body.path("source").asText());
        assertEquals("situation", body.at("/sections/0/section").asText());
        assertEquals("Internet down.", body.at("/sections/0/summary").asText());
        assertEquals(messages.get(2), body.path("message").asText());
        assertTrue(body.path("generator").isNull());
        get(UUID.randomUUID().toString(), "summary").then().statusCode(404);
    }

    @Test
    void theSummaryNeedsTheApisToken() {
        io.restassured.RestAssured.given().get("/api/v1/conversations/" + genesysId + "/summary").then()
                .statusCode(401);
    }

    private Response get(String ref) {
        return get(ref, "transcript");
    }

    private Response get(String ref, String what) {
        // the reference is sent as it is: encoded or not, with its slashes, as a desktop would
        return ApiRequests.asDesktop().urlEncodingEnabled(false).get("/api/v1/conversations/" + ref + "/" + what);
    }

    private void append(String role, String text) {
        String participant = fullName + "/participants/" + role.toLowerCase();
        String message = fullName + "/messages/" + UUID.randomUUID();
        messages.add(message);
        redis.execute("XADD", store.streamKey(fullName), "*", "role", role, "participant", participant, "text", text,
                "language", "en-US", "start_offset", "1.500s", "end_offset", "3.200s",
                "message", message, "create_time", "2026-01-01T10:00:05.123Z");
    }

    /** Written as the publisher writes it: the record's own fields. */
    private void write(io.audiohook.connector.publish.TranscriptRecord record) {
        List<String> args = new java.util.ArrayList<>(List.of(store.streamKey(fullName), "*"));
        record.fields().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        redis.execute("XADD", args.toArray(String[]::new));
    }
}
