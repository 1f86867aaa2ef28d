package io.audiohook.connector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.testkit.RedisServerResource;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * A few seconds of the benchmark machinery against the test application, so it does not rot: the load client with
 * every flag, its summary, the desktop double, the metric read path and the chart.
 */
@QuarkusTest
class CapacitySmokeTest extends ConnectorTest {

    @TestHTTPResource("/q/metrics")
    URI metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    Map<String, Double> scrape() throws Exception {
        return Metrics.parse(http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aShortLoadRunMeasuresLatenciesFromTheMetrics() throws Exception {
        int redisPort = ConfigProvider.getConfig().getValue(RedisServerResource.PORT_KEY, Integer.class);
        LoadClient.Options options = LoadClient.Options.parse(new String[] {"--uri", TestCalls.ws(endpoint).toString(),
            "--api-key", TestCalls.KEY, "--secret", TestCalls.SECRET, "--sessions", "3", "--ramp", "1", "--settle", "1",
            "--duration", "3", "--ping", "1", "--pause-every", "2", "--pause-length", "1", "--discard-every", "2",
            "--desktop-redis", "127.0.0.1:" + redisPort, "--quiet"});
        Map<String, Map<String, Double>> scraped = new HashMap<>();
        ObjectNode summary = new LoadClient(options, TestCalls.RESOURCES).run(new LoadClient.Window() {
            @Override
            public void started() {
                scraped.put("start", scrapeQuietly());
            }

            @Override
            public void ended() {
                scraped.put("end", scrapeQuietly());
            }
        });
        String text = LoadClient.text(summary);
        assertEquals(3, summary.get("sessions_opened").asInt(), text);
        assertEquals(0, summary.get("sessions_failed").asInt(), text);
        assertEquals(0, summary.get("client_violations").asInt(), text);
        assertEquals(0, summary.get("errors").size(), text);
        assertTrue(summary.get("pong_rtt_ms").get("count").asInt() >= 3, text);
        assertTrue(summary.get("pauses_sent").asInt() + summary.get("discarded_sent").asInt() > 0, text);
        assertTrue(summary.get("audio_seconds_sent_in_window").asDouble() > 0, text);

        ObjectNode audio = CapacityBenchmark.latency(scraped.get("start"), scraped.get("end"), CapacityBenchmark.AUDIO_TO_REQUEST);
        assertTrue(audio.get("count").asLong() > 0, audio.toString());
        assertTrue(audio.get("p99").asDouble() >= audio.get("p50").asDouble(), audio.toString());
        ObjectNode publish = CapacityBenchmark.latency(scraped.get("start"), scraped.get("end"), CapacityBenchmark.PUBLISH);
        assertNotNull(publish.get("source"), publish.toString());
        assertTrue(!publish.get("source").asText().equals("missing"), "publish latency buckets on /q/metrics");

        ObjectNode result = LoadClient.JSON.createObjectNode();
        ObjectNode env = result.putObject("environment");
        env.put("date", "smoke");
        env.put("duration_seconds", 3);
        env.put("settle_seconds", 1);
        env.put("nproc", 2);
        ArrayNode steps = result.putArray("steps");
        ObjectNode step = steps.addObject();
        step.put("sessions", 3);
        step.putObject("cpu_ms_per_call_second").put("connector", 1.5).put("emulator", 0.5).put("load_client", 0.7);
        step.putObject("cpu_cores");
        step.put("connector_rss_kb_per_session", 10.0);
        step.put("connector_heap_kb_per_session", 5.0);
        step.set("open_to_opened_ms", summary.get("open_to_opened_ms"));
        step.set("audio_to_request_ms", audio);
        step.set("response_to_publish_ms", publish);
        step.put("connector_dropped_audio_frames", 0.0);
        step.put("client_frames_skipped", 0);
        step.put("sessions_failed", 0);
        String svg = Chart.svg(result);
        assertTrue(svg.startsWith("<svg") && svg.contains("polyline"), svg);
        String md = CapacityBenchmark.markdown(result, "x.json", "x.svg");
        assertTrue(md.contains("| 3 | 1.500 |"), md);
    }

    private Map<String, Double> scrapeQuietly() {
        try {
            return scrape();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void quantilesInterpolateInsideBuckets() {
        Map<String, Double> start = Metrics.parse("""
                # TYPE x histogram
                x_bucket{le="0.001"} 0
                x_bucket{le="0.002"} 0
                x_bucket{le="+Inf"} 0
                """);
        Map<String, Double> end = Metrics.parse("""
                x_bucket{le="0.001"} 50
                x_bucket{le="0.002"} 99
                x_bucket{le="+Inf"} 100
                other_total 3.0
                """);
        JsonNode q = CapacityBenchmark.latency(start, end, List.of("missing_bucket", "x_bucket"));
        assertEquals("x_bucket", q.get("source").asText());
        assertEquals(100, q.get("count").asLong());
        assertEquals(1.0, q.get("p50").asDouble(), 1e-9);
        assertEquals(2.0, q.get("p99").asDouble(), 1e-9);
        assertEquals(3.0, end.get("other_total"));
    }
}
