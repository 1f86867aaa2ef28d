package io.audiohook.connector.publish;

import static io.audiohook.connector.publish.PublishTesting.SPEECH;
import static io.audiohook.connector.publish.PublishTesting.eventually;
import static io.audiohook.connector.publish.PublishTesting.hasFinished;
import static io.audiohook.connector.testkit.TestCalls.sleep;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.probe;
import static io.audiohook.connector.testkit.TestCalls.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.publish.PublishTesting.Conversation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.audiohook.connector.testkit.ConnectorTest;

/** Calls start paused and resume when their desktop joins, or after the join timeout; probes are never paused. */
@QuarkusTest
@TestProfile(StartPausedUntilJoinedTest.PausedUntilJoined.class)
class StartPausedUntilJoinedTest extends ConnectorTest {

    public static class PausedUntilJoined implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("connector.publish.start-paused-until-joined", "true");
            overrides.put("connector.publish.join-timeout", "3s");
            return overrides;
        }
    }

    @Inject
    ResumeWhenJoined resumeWhenJoined;

    @Test
    void callResumesWhenTheDesktopJoins() throws Exception {
        Conversation c = Conversation.create();
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            assertTrue(await(client.open()).parameters().get("startPaused").asBoolean());
            pingFor(client, Duration.ofMillis(1000));
            assertEquals(List.of(), client.messagesOfType("resume"), "waits for the desktop");
            assertEquals(1, resumeWhenJoined.waiting());
            long joined = System.nanoTime();
            ui.join(c.fullName());
            awaitResume(client);
            long waitedMillis = (client.messagesOfType("resume").get(0).nanoTime() - joined) / 1_000_000;
            assertTrue(waitedMillis < 1500, "resumed " + waitedMillis + " ms after the join");
            sleep(Duration.ofMillis(200)); // the client's resumed reaches the connector
            await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
            await(client.close("end"));
            assertConformant(client);
            eventually("the desktop saw the call", () -> hasFinished(ui.received(c.fullName())));
            assertTrue(ui.received(c.fullName()).stream().anyMatch(r -> r.dataType().equals("new-message-event")));
            assertEquals(0, resumeWhenJoined.waiting());
        }
    }

    @Test
    void callResumesAfterTheJoinTimeoutWithoutDesktop() {
        Conversation c = Conversation.create();
        AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
        long opened = System.nanoTime();
        assertTrue(await(client.open()).parameters().get("startPaused").asBoolean());
        awaitResume(client);
        long waitedMillis = (client.messagesOfType("resume").get(0).nanoTime() - opened) / 1_000_000;
        assertTrue(waitedMillis >= 2900 && waitedMillis < 5000, "resumed after " + waitedMillis + " ms");
        await(client.close("end"));
        assertConformant(client);
    }

    /** Genesys pings a paused session every few seconds; without pings the test's 3 s idle timeout would end it. */
    private static void pingFor(AudioHookClient client, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            client.sendPing();
            sleep(Duration.ofMillis(250));
        }
    }

    private static void awaitResume(AudioHookClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (client.messagesOfType("resume").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no resume");
            pingFor(client, Duration.ofMillis(250));
        }
    }

    @Test
    void probeIsNeverPaused() {
        AudioHookClient client = connect(probe(endpoint));
        assertFalse(await(client.open()).parameters().path("startPaused").asBoolean(false));
        await(client.close("end"));
        assertEquals(List.of("opened", "closed"), types(client));
        assertEquals(0, resumeWhenJoined.waiting());
    }

    /** Genesys' transcript needs every word, and a call kept off the desktop has no desktop to wait for. */
    @Test
    void transcriptionCallsAndCallsWithoutAgentAssistNeverWaitForADesktop() {
        for (String customConfig : List.of("{\"mode\":\"transcription\"}", "{\"agentAssist\":false}")) {
            AudioHookClient client = connect(call(endpoint).conversationId(java.util.UUID.randomUUID().toString())
                    .customConfig(io.audiohook.connector.testkit.TestCalls.customConfig(customConfig)));
            assertFalse(await(client.open()).parameters().path("startPaused").asBoolean(true), customConfig);
            await(client.close("end"));
            assertEquals(0, resumeWhenJoined.waiting(), customConfig);
        }
    }
}
