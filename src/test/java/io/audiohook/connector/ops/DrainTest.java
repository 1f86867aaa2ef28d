package io.audiohook.connector.ops;

import static io.audiohook.connector.testkit.TestCalls.attempt;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.CloseInfo;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.emulator.EmulatorControl;
import io.audiohook.connector.app.Drain;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * Draining (what SIGTERM does, started here without stopping the JVM): new upgrades get 503 and readiness goes
 * DOWN at once; a running call goes on for the grace (1 s in tests), then gets {@code disconnect} with reason
 * {@code completed}, closes cleanly, and its Dialogflow conversation stays open for a session elsewhere.
 */
@QuarkusTest
@TestProfile(DrainTest.Profile.class)
class DrainTest extends ConnectorTest {
    /** Its own application: a drained one refuses every later call. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("connector.drain.grace", "1s");
            overrides.put("connector.assist.completion-grace", "5m");
            return overrides;
        }
    }

    @TestHTTPResource("/q/health/ready")
    URI ready;
    @TestHTTPResource("/q/health/live")
    URI live;
    @Inject
    Drain drain;
    @Inject
    EmulatorControl emulator;

    @Test
    void runningCallsEndCleanlyAndNewOnesAreRefused() throws Exception {
        assertEquals(200, status(ready));
        AudioHookClient client = connect(call(endpoint));
        await(client.open());
        // real time, far longer than the grace: only the drain ends this call
        client.streamAudio(WavAudioSource.fromResource(TestCalls.SPEECH), Duration.ofMillis(100), true);
        Thread.sleep(500);

        long started = System.nanoTime();
        drain.start();
        assertEquals(503, attempt(call(endpoint)).httpStatus(), "new sessions are refused");
        assertEquals(503, status(ready), "not ready while draining");
        assertEquals(200, status(live), "still live");

        Received disconnect = client.awaitMessage("disconnect", Duration.ofSeconds(10));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "the call had its grace");
        assertEquals("completed", disconnect.parsed().path("parameters").path("reason").asText());
        CloseInfo close = client.awaitClose(Duration.ofSeconds(10));
        assertEquals(1000, close.statusCode(), close.toString());
        List<String> types = TestCalls.types(client);
        assertTrue(types.indexOf("disconnect") < types.lastIndexOf("closed"), types.toString());
        drain.drained().get(10, TimeUnit.SECONDS);

        String name = "projects/emulated-project/locations/us-central1/conversations/a"
                + client.config().conversationId();
        Thread.sleep(500);
        var conversation = emulator.conversation(name).orElseThrow(() -> new AssertionError("no conversation " + name));
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, conversation.state(), "not completed");
    }

    private static int status(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
