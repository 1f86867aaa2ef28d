package io.audiohook.connector.publish;

import static io.audiohook.connector.testkit.TestCalls.KEY;
import static io.audiohook.connector.testkit.TestCalls.SECRET;
import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.attempt;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.Participant;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.web.LogCapture;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * A whole call with the speech fixture, then: the Prometheus scrape has every {@code audiohook.*} meter with
 * plausible values, and nothing sensitive (caller numbers and names, the API key, the client secret, transcript
 * text) was logged at INFO or above, while the call's lines carry its ids in the MDC.
 */
@QuarkusTest
class OpsCallTest extends ConnectorTest {
    @TestHTTPResource("/q/metrics")
    URI metrics;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = io.audiohook.connector.testkit.RedisServerResource.PORT_KEY)
    int redisPort;

    @Test
    void aCallShowsInTheMetricsAndLeaksNothingToTheLogs() throws Exception {
        LogCapture capture = LogCapture.start();
        Participant caller = new Participant(UUID.randomUUID().toString(), "+1-555-0142-9876", "Zebulon Quigglesworth",
                "+1-800-0199-4321");
        String correlation = UUID.randomUUID().toString();
        AudioHookClient client;
        PublishTesting.Conversation c = PublishTesting.Conversation.create();
        try (UiConnectorDouble ui = new UiConnectorDouble(redisPort)) {
            ui.join(c.fullName());
            assertEquals(401, attempt(call(endpoint).apiKey("no-such-key")).httpStatus());
            client = connect(call(endpoint).participant(caller).correlationId(correlation)
                    .conversationId(c.genesysId()));
            await(client.open());
            await(client.streamAudio(WavAudioSource.fromResource(TestCalls.SPEECH), Duration.ofMillis(200), false));
            await(client.close("end"));
            assertConformant(client);
            PublishTesting.eventually("FINISHED reached the desktop",
                    () -> PublishTesting.hasFinished(ui.received(c.fullName())));
            Thread.sleep(500); // the end-of-session counters
        } finally {
            capture.close();
        }

        String sessionId = client.config().sessionId();
        List<String> secrets = new ArrayList<>(List.of(caller.ani(), caller.aniName(), caller.dnis(), KEY, SECRET));
        secrets.addAll(scriptLines());
        for (LogCapture.Line line : capture.lines()) {
            if (line.level().intValue() < Level.INFO.intValue()) {
                continue;
            }
            for (String secret : secrets) {
                assertTrue(!line.message().contains(secret), "logged at " + line.level() + ": " + line.message());
            }
        }
        List<LogCapture.Line> mine = capture.lines().stream().filter(l -> sessionId.equals(l.mdc().get("sessionId"))).toList();
        assertTrue(mine.size() >= 2, "the session's lines carry its id in the MDC: " + capture.lines());
        assertTrue(mine.stream().allMatch(l -> correlation.equals(l.mdc().get("correlationId"))), mine.toString());
        assertTrue(mine.stream().anyMatch(l -> client.config().conversationId().equals(l.mdc().get("conversationId"))),
                mine.toString());

        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(value(scrape, "audiohook_sessions_active") >= 0, "active sessions gauge");
        assertTrue(value(scrape, "audiohook_sessions_ended_total{outcome=\"closed\",probe=\"false\"}") >= 1);
        assertTrue(scrape.contains("audiohook_upgrades_refused_total{reason="), "refusals by reason");
        assertTrue(value(scrape, "audiohook_session_open_to_opened_seconds_count") >= 1);
        double received = value(scrape, "audiohook_audio_received_seconds_total{channel=\"external\"}");
        double length = (double) WavAudioSource.Wav.fromResource(TestCalls.SPEECH).data().length
                / (WavAudioSource.Wav.fromResource(TestCalls.SPEECH).channels() * 8000);
        assertTrue(received >= length * 0.9, "received " + received + " s, fixture " + length + " s");
        assertTrue(value(scrape, "audiohook_audio_received_seconds_total{channel=\"internal\"}") >= length * 0.9);
        assertTrue(scrape.contains("audiohook_audio_dropped_seconds_total{channel=\"external\"}"));
        for (String timer : List.of("audiohook_assist_audio_to_request_seconds", "audiohook_assist_response_to_event_seconds",
                "audiohook_publish_latency_seconds")) {
            assertTrue(value(scrape, timer + "_count") >= 1, timer);
            assertTrue(scrape.contains(timer + "_bucket{le="), timer + " has a histogram");
        }
        assertTrue(value(scrape, "audiohook_assist_stream_recycles_total") >= 0);
        assertTrue(value(scrape, "audiohook_publish_outbox_events") >= 0);
        assertTrue(value(scrape, "audiohook_publish_published_total") >= 1);
        assertTrue(value(scrape, "audiohook_publish_failures_total") >= 0);
    }

    /** The sample of the first line whose name and labels start with {@code series}. */
    static double value(String scrape, String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)").matcher(line);
            if (m.find() && m.group(1).equals(name) && (m.group(3) == null ? "" : m.group(3)).contains(labels)) {
                return Double.parseDouble(m.group(4));
            }
        }
        throw new AssertionError(series + " missing from the scrape");
    }

    static List<String> scriptLines() throws IOException {
        try (InputStream in = OpsCallTest.class.getResourceAsStream("/emulator/script.txt")) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                    lines.add(line.substring(colon + 1).trim());
                }
            }
            return lines;
        }
    }
}
