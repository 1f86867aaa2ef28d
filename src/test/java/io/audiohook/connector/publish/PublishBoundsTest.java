package io.audiohook.connector.publish;

import static io.audiohook.connector.publish.PublishTesting.SPEECH;
import static io.audiohook.connector.publish.PublishTesting.assertStrictlyIncreasing;
import static io.audiohook.connector.publish.PublishTesting.eventually;
import static io.audiohook.connector.publish.PublishTesting.finished;
import static io.audiohook.connector.publish.PublishTesting.hasFinished;
import static io.audiohook.connector.publish.PublishTesting.ids;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.assist.RecentAssistEvents;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.publish.PublishTesting.Conversation;
import io.audiohook.connector.testkit.RedisServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.audiohook.connector.testkit.ConnectorTest;

/** A small per-conversation bound: what exceeds it is dropped oldest first and counted, the rest arrives in order. */
@QuarkusTest
@TestProfile(PublishBoundsTest.TenEvents.class)
class PublishBoundsTest extends ConnectorTest {
    static final int BOUND = 10;

    public static class TenEvents implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("connector.publish.outbox.max-events", Integer.toString(BOUND));
            return overrides;
        }
    }

    @Inject
    RecentAssistEvents events;
    @Inject
    RedisPublisher publisher;

    @Test
    void desktopJoiningAfterTheCallGetsTheNewestEventsAndTheRestIsCounted() throws Exception {
        Conversation c = Conversation.create();
        long droppedBefore = publisher.stats().dropped(DropReason.COUNT);
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            runCall(c);
            int total = events.events(c.fullName()).size();
            assertTrue(total > BOUND, "the call produces more than the bound: " + total);
            assertEquals(total - BOUND, publisher.stats().dropped(DropReason.COUNT) - droppedBefore);

            ui.join(c.fullName());
            eventually("the kept events arrive", () -> hasFinished(ui.received(c.fullName())));
            List<UiConnectorDouble.Received> got = ui.received(c.fullName());
            assertEquals(BOUND, got.size());
            assertStrictlyIncreasing(ids(got));
            assertEquals(List.of(), ui.unparsable());
        }
    }

    @Test
    void redisOutageBeyondTheBoundDropsTheOldestAndCountsThem() throws Exception {
        Conversation c = Conversation.create();
        long droppedBefore = publisher.stats().dropped(DropReason.COUNT);
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            ui.join(c.fullName());
            AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
            await(client.open());
            eventually("STARTED arrived", () -> !ui.received(c.fullName()).isEmpty());
            RedisServerResource.stop(redisPort);
            int before = ui.received(c.fullName()).size();
            await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
            // closed: every result of the call is in; its completion waits for the conversation ledger in Redis
            await(client.close("end"));
            RedisServerResource.restart(redisPort);
            ui.reconnectAndRejoin();
            eventually("FINISHED arrived after the restart", () -> hasFinished(ui.received(c.fullName())));

            List<UiConnectorDouble.Received> got = ui.received(c.fullName());
            List<UiConnectorDouble.Received> afterRestart = got.subList(before, got.size());
            // the bound's worth kept through the outage, then the summary and the completion that waited for Redis
            assertTrue(afterRestart.size() >= BOUND, "the bound's worth, oldest dropped: " + afterRestart.size());
            assertStrictlyIncreasing(ids(afterRestart));
            Set<Long> distinct = new TreeSet<>(ids(got));
            int total = events.events(c.fullName()).size();
            long dropped = publisher.stats().dropped(DropReason.COUNT) - droppedBefore;
            assertTrue(dropped > 0);
            assertEquals(total - distinct.size(), dropped, "every event either arrived or was counted: "
                    + got.stream().map(UiConnectorDouble.Received::dataType).collect(Collectors.toList()));
        }
    }

    private void runCall(Conversation c) {
        AudioHookClient client = connect(call(endpoint).conversationId(c.genesysId()));
        await(client.open());
        await(client.streamAudio(SPEECH.newSource(), Duration.ofMillis(200), false));
        await(client.close("end"));
        eventually("the call finished", () -> finished(events, c.fullName()));
    }
}
