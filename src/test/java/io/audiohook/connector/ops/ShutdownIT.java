package io.audiohook.connector.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.bench.DesktopDouble;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.CloseInfo;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.publish.TranscriptEntry;
import io.audiohook.connector.testkit.RedisServer;
import io.audiohook.connector.testkit.TestCalls;

/**
 * SIGTERM to the packaged application (JSON logs, the Dialogflow emulator in-process, a real Redis) while 50 calls
 * stream in real time, each with a desktop joined: every call gets {@code disconnect} with reason {@code completed}
 * once the grace is over, closes cleanly with its last results published, and the process stops without an ERROR.
 */
class ShutdownIT {
    static final int CALLS = 50;
    static final String KEY = "shutdown-it-key";
    static final String SECRET = "c2h1dGRvd24taXQtY2xpZW50LXNlY3JldC0zMi1ieXQ=";
    /** Every call has spoken the customer's first line and is inside the agent's first one when it is disconnected. */
    static final Duration AUDIO_BEFORE_SIGTERM = Duration.ofMillis(4000);

    @Test
    void sigtermDuringFiftyLiveCallsDrainsEveryCallWithoutAnError() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "shutdown-");
        RedisServer.Started redis = RedisServer.startOnFreePort();
        int port = RedisServer.freePort();
        AppProcess app = AppProcess.start("connector", Map.of(
                "PORT", Integer.toString(port),
                "API_KEY", KEY,
                "CLIENT_SECRET", SECRET,
                "CONNECTOR_EMULATOR_ENABLED", "true",
                "REDIS_URL", "redis://127.0.0.1:" + redis.port(),
                // the calls are disconnected 1 s after SIGTERM and have 1 s to close (Cloud Run: 8 s and 2 s)
                "DRAIN_GRACE", "2s",
                "CONNECTOR_DRAIN_CLOSE_RESERVE", "1s"), List.of("-Xmx384m"), dir);
        try (ClientResources resources = ClientResources.create();
                DesktopDouble desktop = new DesktopDouble("127.0.0.1", redis.port(), DesktopDouble.PROJECT)) {
            List<AudioHookClient> clients = startCalls(URI.create("ws://localhost:" + port + "/audiohook/ws"),
                    desktop, resources);
            Thread.sleep(AUDIO_BEFORE_SIGTERM.toMillis());

            long sigterm = System.nanoTime();
            int exit = app.terminate(Duration.ofSeconds(20));
            long stopMillis = (System.nanoTime() - sigterm) / 1_000_000;
            String log = app.output();

            assertEquals(143, exit, "a JVM stopped by SIGTERM exits 128 + 15: " + log);
            assertFalse(log.contains("\"severity\":\"ERROR\""), "no ERROR line: " + log);
            assertTrue(log.contains("drain grace over: " + CALLS + " session(s) disconnected"), log);
            assertTrue(log.contains("drained: no session left"), log);
            assertFalse(log.contains("not published"), "every event reached Redis before the stop: " + log);
            Set<String> missing = new TreeSet<>();
            for (AudioHookClient client : clients) {
                assertEquals("completed", client.awaitMessage("disconnect", Duration.ofSeconds(5)).parsed()
                        .path("parameters").path("reason").asText());
                CloseInfo close = client.awaitClose(Duration.ofSeconds(5));
                assertEquals(1000, close.statusCode(), close.toString());
                List<String> types = TestCalls.types(client);
                assertTrue(types.indexOf("disconnect") < types.lastIndexOf("closed"), types.toString());
                TestCalls.assertConformant(client);
                // the customer's line was final before the drain; the agent's, cut short, is the last result,
                // recognised when the stream was half-closed at the close
                String conversation = client.config().conversationId();
                Set<String> roles = new TreeSet<>();
                desktop.transcript(conversation).stream().map(TranscriptEntry::role).forEach(roles::add);
                if (!roles.equals(Set.of("END_USER", "HUMAN_AGENT"))) {
                    missing.add(conversation + " " + roles);
                }
            }
            assertEquals(Set.of(), missing, "calls whose transcript in Redis lacks a role: " + log);
            System.out.printf("ShutdownIT: %d calls drained, process stopped %d ms after SIGTERM%n", CALLS,
                    stopMillis);
        } finally {
            app.close();
            RedisServer.stop(redis.port(), redis.process());
        }
    }

    /** The calls, each opened, streaming the two-party recording in real time, its desktop joined. */
    private static List<AudioHookClient> startCalls(URI uri, DesktopDouble desktop, ClientResources resources)
            throws Exception {
        List<CompletableFuture<AudioHookClient>> opening = new ArrayList<>();
        WavAudioSource.Wav speech = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
        for (int i = 0; i < CALLS; i++) {
            String conversation = UUID.randomUUID().toString();
            desktop.join(conversation);
            SessionConfig config = SessionConfig.call(uri).apiKey(KEY).clientSecret(SECRET).language("en-US")
                    .conversationId(conversation);
            opening.add(AudioHookClient.connect(config, resources).thenCompose(result -> {
                AudioHookClient client = result.require();
                return client.open().thenApply(opened -> {
                    client.streamAudio(speech.newSource(), Duration.ofMillis(200), true);
                    return client;
                });
            }));
        }
        List<AudioHookClient> clients = new ArrayList<>();
        for (CompletableFuture<AudioHookClient> call : opening) {
            clients.add(call.get(20, TimeUnit.SECONDS));
        }
        return clients;
    }
}
