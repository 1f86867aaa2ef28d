package io.audiohook.connector.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.audiohook.connector.bench.DesktopDouble;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.ops.ChaosCall.Fault;
import io.audiohook.connector.testkit.RedisServer;
import io.audiohook.connector.testkit.TcpProxy;
import io.audiohook.connector.testkit.TestCalls;

/**
 * Faults on the connector's two backends, each during one whole call through real processes: the packaged
 * connector reaches the Dialogflow emulator (its own process) and a real Redis through a {@link TcpProxy} each, and a
 * desktop double reads what reached Redis. Dialogflow stalling and its connections cut, the emulator killed and
 * restarted, Redis slowed: the call goes on, what the fault costs is counted, and the transcript covers the speech.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {
    static final String KEY = "chaos-it-key";
    static final String SECRET = "Y2hhb3MtaXQtY2xpZW50LXNlY3JldC0zMi1ieXRlcy0=";

    static Path dir;
    static RedisServer.Started redis;
    static int emulatorPort;
    static Map<String, String> emulatorEnv;
    static AppProcess emulator;
    static AppProcess connector;
    static TcpProxy dialogflow;
    static TcpProxy redisLink;
    static DesktopDouble desktop;
    static ClientResources resources;
    static ChaosCall calls;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "chaos-");
        redis = RedisServer.startOnFreePort();
        emulatorPort = RedisServer.freePort();
        dialogflow = TcpProxy.to("127.0.0.1", emulatorPort);
        redisLink = TcpProxy.to("127.0.0.1", redis.port());
        // the journal: a restarted emulator still knows its conversations, as Dialogflow does after a server restart
        emulatorEnv = AppProcess.emulatorEnv(emulatorPort, Map.of("DRAIN_GRACE", "1s",
                "CONNECTOR_EMULATOR_JOURNAL", dir.resolve("emulator-journal.tsv").toString()));
        int port = RedisServer.freePort();
        Map<String, String> connectorEnv = AppProcess.connectorEnv(port, KEY, SECRET, "127.0.0.1:" + redisLink.port(),
                "127.0.0.1:" + dialogflow.port(), Map.of(
                        // shorter waits than production's; each fault still goes through the same steps
                        "CONNECTOR_ASSIST_BACKOFF_INITIAL", "100ms",
                        "CONNECTOR_ASSIST_BACKOFF_MAX", "500ms",
                        "CONNECTOR_ASSIST_RESOURCE_EXHAUSTED_BACKOFF", "200ms",
                        "CONNECTOR_ASSIST_RESOURCE_EXHAUSTED_BACKOFF_MAX", "1s"));
        // both JVMs start at once: the connector needs neither backend to start
        CompletableFuture<AppProcess> emulatorStarted = CompletableFuture.supplyAsync(() -> startEmulator("emulator"));
        connector = AppProcess.start("connector", connectorEnv, List.of("-Xmx384m"), dir);
        emulator = emulatorStarted.join();
        desktop = new DesktopDouble("127.0.0.1", redis.port(), DesktopDouble.PROJECT);
        resources = ClientResources.create();
        URI ws = URI.create("ws://localhost:" + port + "/audiohook/ws");
        calls = new ChaosCall(URI.create("http://localhost:" + port), () -> SessionConfig.call(ws).apiKey(KEY)
                .clientSecret(SECRET).language("en-US"), desktop, resources);
    }

    static AppProcess startEmulator(String name) {
        try {
            // C1 only: the stand-in for Google starts (and restarts mid-call) faster on a small machine
            return AppProcess.start(name, emulatorEnv, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void heal() {
        dialogflow.pass();
        redisLink.pass();
    }

    @AfterAll
    static void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
        if (resources != null) {
            resources.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (dialogflow != null) {
            dialogflow.close();
        }
        if (redisLink != null) {
            redisLink.close();
        }
        if (redis != null) {
            RedisServer.stop(redis.port(), redis.process());
        }
    }

    @Test
    @Order(1)
    void redisSlowedMidCall() throws Exception {
        // the customer's first line and the start of the agent's (its last result, at the close) show the lag
        ChaosCall.Outcome call = calls.run(ChaosCall.first(Duration.ofMillis(4500)), List.of(
                new Fault(Duration.ofMillis(1000), "Redis slowed to 200 ms per command", () ->
                        redisLink.slow(Duration.ofMillis(100)))), Duration.ofSeconds(20), List.of());
        System.out.println(call.report("ChaosIT Redis slowed"));
        assertCallWentOn(call, List.of());
        assertEquals(0.0, call.delta("audiohook_publish_dropped_total"), call.report("nothing dropped"));
        assertEquals(0.0, call.delta("audiohook_assist_audio_dropped_seconds_total"), call.report("no audio dropped"));
    }

    @Test
    @Order(2)
    void dialogflowStallsAndItsConnectionsAreCutMidCall() throws Exception {
        // stalled in the customer's first line, cut in their second; the agent's second begins after the cut
        ChaosCall.Outcome call = calls.run(ChaosCall.first(Duration.ofMillis(9600)), List.of(
                new Fault(Duration.ofMillis(1000), "Dialogflow stalls", dialogflow::stall),
                new Fault(Duration.ofMillis(4500), "Dialogflow answers again", dialogflow::pass),
                new Fault(Duration.ofMillis(7000), "Dialogflow connections cut", () -> assertTrue(dialogflow.cut() > 0,
                        "the connector's channels go through the proxy"))), Duration.ofSeconds(10), List.of());
        System.out.println(call.report("ChaosIT Dialogflow stalled 3.5 s, then cut"));
        assertCallWentOn(call, List.of());
        // the stall only delays (the streams wait, the audio waits in its bounded backlog); the cut restarts them
        assertTrue(call.delta("audiohook_assist_stream_restarts_total") >= 2, call.report("a restart per party"));
        assertEquals(0.0, call.delta("audiohook_assist_audio_dropped_seconds_total"), call.report("no audio dropped"));
    }

    @Test
    @Order(3) // last: it replaces the emulator process
    void emulatorKilledAndRestartedMidCall() throws Exception {
        // the kill comes after the customer's first line, in the agent's; the emulator is back seconds before the end
        ChaosCall.Outcome call = calls.run(ChaosCall.SPEECH, List.of(
                new Fault(Duration.ofMillis(4000), "emulator killed (SIGKILL), restarting", () -> {
                    emulator.kill();
                    emulator = startEmulator("emulator-restarted");
                }), new Fault(Duration.ZERO, "emulator back", () -> { })), Duration.ofSeconds(5), List.of());
        System.out.println(call.report("ChaosIT emulator killed and restarted"));
        // While it is down the streams restart with backoff and the audio waits in its bounded backlog; once it is
        // back (it kept the conversation, as Dialogflow would), both parties stream again and catch up.
        assertCallWentOn(call, List.of());
        assertTrue(call.delta("audiohook_assist_stream_restarts_total") > 0, call.report("restarts while it was down"));
        assertEquals(0.0, call.delta("audiohook_assist_giveups_total"), call.report("nobody stopped"));
        assertEquals(0.0, call.delta("audiohook_assist_audio_dropped_seconds_total"), call.report("no audio dropped"));
    }

    /** The call ended normally, and every speech turn but {@code missing} is in the transcript Redis has. */
    private static void assertCallWentOn(ChaosCall.Outcome call, List<String> missing) {
        TestCalls.assertConformant(call.client());
        assertFalse(TestCalls.types(call.client()).contains("disconnect"), TestCalls.types(call.client()).toString());
        assertTrue(TestCalls.types(call.client()).contains("closed"), TestCalls.types(call.client()).toString());
        assertEquals(missing.toString(), call.missing().toString(), "speech turns without a line: " + call.lines()
                + "\n" + connector.output());
        assertTrue(connector.isAlive());
        assertFalse(connector.output().contains("\"severity\":\"ERROR\""), connector.output());
    }
}
