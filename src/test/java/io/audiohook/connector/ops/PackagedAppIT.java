package io.audiohook.connector.ops;

import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The packaged application (the fast-jar, prod profile, JSON logs) with the Dialogflow emulator in-process and a
 * real Redis (the global RedisServerResource): health, metrics, a connection probe through the WebSocket, and the
 * console a packaged demo serves.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedAppIT.Profile.class)
class PackagedAppIT {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "connector.emulator.enabled", "true",
                    "connector.emulator.script", "emulator/script.txt",
                    "connector.emulator.knowledge", "emulator/knowledge.txt",
                    "connector.assist.conversation-profile",
                    "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile",
                    "connector.auth.api-keys", TestCalls.KEY + ":" + TestCalls.SECRET);
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void healthMetricsAndAProbe() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(200, get(http, "q/health/live").statusCode());
        HttpResponse<String> ready = null;
        for (int i = 0; i < 50; i++) {
            ready = get(http, "q/health/ready");
            if (ready.statusCode() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("redis") && ready.body().contains("dialogflow"), ready.body());
        assertEquals(200, get(http, "q/health/started").statusCode());

        AudioHookClient client = connect(probe(base.resolve("audiohook/ws")));
        await(client.open());
        await(client.close("end"));
        client.awaitClose(Duration.ofSeconds(10));

        // The server counts the session when it sees the socket close, which may come just after the client's.
        String ended = "audiohook_sessions_ended_total{outcome=\"closed\",probe=\"true\"}";
        String metrics = get(http, "q/metrics").body();
        for (int i = 0; i < 100 && !metrics.contains(ended); i++) {
            Thread.sleep(100);
            metrics = get(http, "q/metrics").body();
        }
        assertTrue(metrics.contains("audiohook_sessions_active"), "active sessions");
        assertTrue(metrics.contains(ended), metrics);
        assertTrue(metrics.contains("audiohook_assist_audio_to_request_seconds_bucket"), "assist histograms");

        // a packaged demo (it answers as Dialogflow itself) serves the console without a token, demo calls on
        HttpResponse<String> page = get(http, "");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Place a demo call"), page.body());
        String info = get(http, "console/api/info").body();
        assertTrue(info.contains("\"tokenRequired\":false") && info.contains("\"demoCalls\":true"), info);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
