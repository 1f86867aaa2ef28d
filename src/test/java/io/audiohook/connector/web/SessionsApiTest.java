package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.web.api.ApiRequests;
import io.audiohook.connector.web.api.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/** A call opened with the test client shows up in /api/v1/sessions with its counters, and nothing personal. */
@QuarkusTest
class SessionsApiTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);



    @Test
    void listsALiveSessionWithoutAniOrDnis() {
        SessionConfig config = call(endpoint).customConfig(new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("language", "fr-CA").put("startPaused", false)
                .put("audioEncoding", "linear16-16k"));
        Instant before = Instant.now().minusSeconds(1);
        AudioHookClient client = connect(config);
        try {
            await(client.open());
            // 0.5 s of stereo PCMU: 4000 sample frames, one byte per channel each.
            for (int i = 0; i < 5; i++) {
                await(client.sendAudio(new byte[1600]));
            }
            TestCalls.eventually(() -> audioSeconds(find(config), "external") >= 0.5);

            JsonNode session = find(config);
            assertEquals(config.conversationId(), session.path("conversationId").asText());
            assertEquals(config.correlationId(), session.path("correlationId").asText());
            assertEquals("active", session.path("state").asText());
            assertFalse(session.path("probe").asBoolean());
            assertEquals("PCMU", session.path("media").path("format").asText());
            assertEquals(8000, session.path("media").path("rate").asInt());
            assertEquals(List.of("external", "internal"), List.of(session.path("media").path("channels").get(0).asText(),
                    session.path("media").path("channels").get(1).asText()));
            assertEquals(0.5, audioSeconds(session, "external"));
            assertEquals(0.5, audioSeconds(session, "internal"));
            assertEquals(0, session.path("droppedFrames").asLong());
            JsonNode settings = session.path("settings");
            assertEquals("external", settings.path("customerChannel").asText(), settings.toString());
            assertEquals("fr-CA", settings.path("language").asText(), settings.toString());
            assertFalse(settings.path("startPaused").asBoolean(true), settings.toString());
            assertEquals("linear16-16k", settings.path("audioEncoding").asText(), settings.toString());
            assertTrue(settings.path("conversationProfile").isNull(), "the deployment's: " + settings);
            assertEquals("monitor", settings.path("mode").asText(), "the path's mode: " + settings);
            Instant started = Instant.parse(session.path("started").asText());
            assertTrue(!started.isBefore(before) && !started.isAfter(Instant.now()), started.toString());

            String body = ApiRequests.asDesktop().get("/api/v1/sessions").asString().toLowerCase(Locale.ROOT);
            var participant = config.participant();
            for (String personal : List.of(participant.ani(), participant.dnis(), participant.aniName(), "ani", "dnis")) {
                assertFalse(body.contains(personal.toLowerCase(Locale.ROOT)), "the API shows '" + personal + "': " + body);
            }
        } finally {
            await(client.close("end"));
            client.awaitClose(WAIT);
        }
        TestCalls.eventually(() -> find(config) == null);
    }

    private JsonNode find(SessionConfig config) {
        Response reply = ApiRequests.asDesktop().get("/api/v1/sessions");
        reply.then().statusCode(200);
        for (JsonNode session : ApiRequests.json(reply)) {
            if (session.path("sessionId").asText().equals(config.sessionId())) {
                return session;
            }
        }
        return null;
    }

    private static double audioSeconds(JsonNode session, String channel) {
        return session == null ? 0 : session.path("audioSeconds").path(channel).asDouble();
    }
}
