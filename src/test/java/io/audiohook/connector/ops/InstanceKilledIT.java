package io.audiohook.connector.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;

import io.audiohook.connector.bench.DesktopDouble;
import io.audiohook.connector.bench.Metrics;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.emulator.DialogflowClients;
import io.audiohook.connector.testkit.RedisServer;
import io.audiohook.connector.testkit.TestCalls;

/**
 * Two instances behind one URL share a Redis, and one is killed ({@code kill -9}) in the middle of two calls. A new
 * session of the first call (Genesys does not promise one after a failure, but a transfer or a re-opened integration
 * opens one) lands on the other instance, which continues the same Dialogflow conversation and is not cut off when
 * the dead instance's lease and grace run out. The second call never comes
 * back: the surviving instance completes its conversation once the lease and the grace are over. Each conversation
 * is completed exactly once. The emulator runs as its own process, so that it outlives the killed instance.
 */
class InstanceKilledIT {
    static final String CONVERSATIONS = "projects/emulated-project/locations/us-central1/conversations/a";
    static final ClientResources RESOURCES = ClientResources.create();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path dir;
    static RedisServer.Started redis;
    static int emulatorPort;
    static AppProcess emulator;
    static AppProcess doomed;
    static AppProcess survivor;
    static int doomedPort;
    static int survivorPort;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "instance-killed-");
        redis = RedisServer.startOnFreePort();
        emulatorPort = RedisServer.freePort();
        CompletableFuture<AppProcess> emulatorStarted = CompletableFuture.supplyAsync(() -> start("emulator",
                AppProcess.emulatorEnv(emulatorPort, Map.of())));
        doomedPort = RedisServer.freePort();
        survivorPort = RedisServer.freePort();
        CompletableFuture<AppProcess> doomedStarted = CompletableFuture.supplyAsync(() -> start("doomed",
                connector(doomedPort)));
        survivor = start("survivor", connector(survivorPort));
        doomed = doomedStarted.join();
        emulator = emulatorStarted.join();
    }

    static Map<String, String> connector(int port) {
        return AppProcess.connectorEnv(port, TestCalls.KEY, TestCalls.SECRET, "127.0.0.1:" + redis.port(),
                "localhost:" + emulatorPort, Map.of(
                        "CONNECTOR_ASSIST_COMPLETION_GRACE", "2s",
                        "CONNECTOR_LEDGER_LEASE", "2s"));
    }

    static AppProcess start(String name, Map<String, String> env) {
        try {
            return AppProcess.start(name, env, List.of("-Xmx256m"), dir);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AppProcess app : new AppProcess[] { survivor, doomed, emulator }) {
            if (app != null) {
                app.close();
            }
        }
        if (redis != null) {
            RedisServer.stop(redis.port(), redis.process());
        }
    }

    @Test
    void theReconnectContinuesOnTheOtherInstanceAndEveryConversationIsCompletedOnce() throws Exception {
        String reconnected = UUID.randomUUID().toString();
        String abandoned = UUID.randomUUID().toString();
        try (DesktopDouble desktop = new DesktopDouble("127.0.0.1", redis.port(), "emulated-project");
                DialogflowClients dialogflow = new DialogflowClients(new URL("http://localhost:" + emulatorPort))) {
            desktop.join(reconnected);
            desktop.join(abandoned);
            AudioHookClient first = call(doomedPort, reconnected);
            AudioHookClient second = call(doomedPort, abandoned);
            first.streamAudio(WavAudioSource.fromResource(TestCalls.SPEECH), Duration.ofMillis(200), true);
            second.streamAudio(WavAudioSource.fromResource(TestCalls.SPEECH), Duration.ofMillis(200), true);
            TestCalls.eventually("a first line of each call", Duration.ofSeconds(20),
                    () -> desktop.finalLines(reconnected) > 0 && desktop.finalLines(abandoned) > 0);

            doomed.kill();
            first.awaitClose(Duration.ofSeconds(10));
            long linesBefore = desktop.finalLines(reconnected);

            // a new session of the first call; the load balancer sends it to the survivor
            AudioHookClient again = call(survivorPort, reconnected);
            CompletableFuture<Void> streamed = again.streamAudio(WavAudioSource.fromResource(TestCalls.SPEECH),
                    Duration.ofMillis(200), true);
            TestCalls.eventually("the abandoned call's conversation completed after the lease and grace",
                    Duration.ofSeconds(20), () -> state(dialogflow, abandoned) == Conversation.LifecycleState.COMPLETED);
            assertFalse(streamed.isDone(), "the reconnected call still streams");
            assertEquals(Conversation.LifecycleState.IN_PROGRESS, state(dialogflow, reconnected),
                    "the dead instance's lease ran out, but the reconnect holds the conversation");
            streamed.get(30, TimeUnit.SECONDS);
            TestCalls.eventually("lines after the reconnect", Duration.ofSeconds(15),
                    () -> desktop.finalLines(reconnected) > linesBefore);
            assertEquals(Conversation.LifecycleState.IN_PROGRESS, state(dialogflow, reconnected));
            again.close("end").get(10, TimeUnit.SECONDS);
            TestCalls.eventually("completed at its end", Duration.ofSeconds(15),
                    () -> state(dialogflow, reconnected) == Conversation.LifecycleState.COMPLETED);
            TestCalls.assertConformant(again);

            Thread.sleep(2000); // three ticks of the survivor: nothing completes anything again
            assertEquals(2.0, emulatorCalls("CompleteConversation"), "each conversation completed exactly once");
            assertEquals(1.0, survivorMetric("audiohook_conversations_claimed_total"),
                    "the abandoned one by the survivor's claim");
            String log = survivor.output();
            assertFalse(log.contains("\"severity\":\"ERROR\"") || log.contains(" ERROR "), log);
            assertEquals(2, desktop.transcribedRoles(reconnected).size(), "both roles transcribed");
        }
    }

    private static AudioHookClient call(int port, String conversationId) throws Exception {
        SessionConfig config = SessionConfig.call(URI.create("ws://localhost:" + port + "/audiohook/ws"))
                .apiKey(TestCalls.KEY).clientSecret(TestCalls.SECRET).language("en-US").conversationId(conversationId);
        AudioHookClient client = AudioHookClient.connect(config, RESOURCES).get(10, TimeUnit.SECONDS).require();
        client.open().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static Conversation.LifecycleState state(DialogflowClients dialogflow, String conversationId) {
        return dialogflow.conversations.getConversation(CONVERSATIONS + conversationId).getLifecycleState();
    }

    private static double emulatorCalls(String method) throws Exception {
        return metrics(emulatorPort).getOrDefault("dialogflow_emulator_calls_total{method=\"" + method + "\"}", 0.0);
    }

    private static double survivorMetric(String name) throws Exception {
        return metrics(survivorPort).getOrDefault(name, 0.0);
    }

    private static Map<String, Double> metrics(int port) throws Exception {
        return Metrics.parse(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
