package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.attempt;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.auth.NonceStore;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ConnectResult;
import io.audiohook.connector.testkit.RedisServerResource;
import io.audiohook.connector.web.api.ApiRequests;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * Redis goes away and comes back: readiness follows it, liveness does not, and upgrades are refused as
 * "busy" (503), not as replays, while nonces cannot be checked.
 */
@QuarkusTest
class RedisOutageTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(15);



    @Inject
    NonceStore nonces;

    @Test
    void readinessFollowsRedisAndLivenessDoesNot() {
        awaitReadiness(200, "UP");
        RedisServerResource.stop(redisPort);
        try {
            JsonNode down = awaitReadiness(503, "DOWN");
            assertEquals("DOWN", redisCheck(down).path("status").asText(), down.toString());
            assertEquals(200, ApiRequests.withAuthorization(null).get("/q/health/live").statusCode(), "liveness stays UP");

            ExecutionException failure = assertThrows(ExecutionException.class, () -> nonces
                    .claim("sha256:eeeeeeeeeeee", UUID.randomUUID().toString(), Instant.now().plusSeconds(10))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS), "a claim fails rather than answering");
            assertTrue(failure.getCause() != null);

            ConnectResult refused = attempt(call(endpoint));
            assertEquals(503, refused.httpStatus(), "nonce store down: busy, not unauthorized");
        } finally {
            RedisServerResource.restart(redisPort);
        }
        JsonNode up = awaitReadiness(200, "UP");
        assertEquals("UP", redisCheck(up).path("status").asText());

        AudioHookClient client = TestCalls.connect(call(endpoint));
        await(client.open());
        await(client.close("end"));
        client.awaitClose(WAIT);
    }

    private JsonNode awaitReadiness(int status, String overall) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Response reply;
        do {
            reply = ApiRequests.withAuthorization(null).get("/q/health/ready");
            if (reply.statusCode() == status && overall.equals(ApiRequests.json(reply).path("status").asText())) {
                return ApiRequests.json(reply);
            }
            TestCalls.sleep(Duration.ofMillis(100));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("readiness never became " + status + " " + overall + "; last: " + reply.statusCode() + " "
                + reply.asString());
    }

    private static JsonNode redisCheck(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if ("redis".equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no redis check in " + health);
    }

}
