package io.audiohook.connector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.assist.AssistCall;
import io.audiohook.connector.assist.AssistCallFactory;
import io.audiohook.connector.assist.ChannelStats;
import io.audiohook.connector.assist.ParticipantCounters;
import io.audiohook.connector.testkit.RedisServerResource;
import io.audiohook.connector.app.AgentAssist;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * 120 concurrent two-party calls against an emulator that, like Google's front ends, lets one HTTP/2 connection
 * carry a limited number of streams (40 in tests, about 100 at Google): every call is transcribed for both roles,
 * no audio is dropped, and no stream channel carries more than the limit. With one shared channel, as before the
 * pool, about a sixth of these calls would get transcripts and the rest none.
 */
@QuarkusTest
class StreamChannelsLoadTest extends ConnectorTest {
    static final int CALLS = 120;

    @Inject
    AgentAssist backend;

    @Test
    void everyCallIsTranscribedWhateverTheStreamsPerConnection() throws Exception {
        int redisPort = ConfigProvider.getConfig().getValue(RedisServerResource.PORT_KEY, Integer.class);
        int limit = ConfigProvider.getConfig().getValue("connector.emulator.max-streams-per-connection", Integer.class);
        LoadClient.Options options = LoadClient.Options.parse(new String[] {"--uri", TestCalls.ws(endpoint).toString(),
            "--api-key", TestCalls.KEY, "--secret", TestCalls.SECRET, "--sessions", Integer.toString(CALLS),
            "--ramp", "3", "--settle", "2", "--duration", "12", "--ping", "5",
            "--desktop-redis", "127.0.0.1:" + redisPort, "--quiet"});
        AssistCallFactory factory = backend.factory().orElseThrow();
        ChannelStats[] during = new ChannelStats[1];
        List<String> sessionIds = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObjectNode summary = new LoadClient(options, TestCalls.RESOURCES).run(new LoadClient.Window() {
            @Override
            public void started() {
            }

            @Override
            public void ended() {
                during[0] = factory.runtime().clients().channelStats();
            }
        });
        String text = LoadClient.text(summary) + " channels " + during[0];
        assertEquals(CALLS, summary.get("sessions_opened").asInt(), text);
        assertEquals(0, summary.get("sessions_failed").asInt(), text);
        assertEquals(CALLS, summary.get("calls_transcribed_both_roles").asInt(), text);

        ChannelStats channels = during[0];
        assertTrue(channels.streams() >= 2 * CALLS, "every participant streams: " + text);
        assertTrue(channels.busiest() <= limit, "no channel beyond the server's limit: " + text);
        assertTrue(channels.channels() >= 2 * CALLS / limit, text);
        assertEquals(0, channels.overCap(), text);
        assertEquals(0, channels.stalls(), text);
        summary.findValues("session_ids").forEach(v -> v.forEach(id -> sessionIds.add(id.asText())));
        for (String id : sessionIds) {
            AssistCall call = factory.call(id).orElseThrow();
            for (Participant.Role role : call.roles()) {
                ParticipantCounters counters = call.counters(role).orElseThrow();
                assertEquals(0, counters.bytesDropped(), id + " " + role + ": " + counters);
                assertEquals(0, counters.stalls(), id + " " + role + ": " + counters);
            }
        }
        assertEquals(CALLS, sessionIds.size(), "the summary names every session");
    }
}
