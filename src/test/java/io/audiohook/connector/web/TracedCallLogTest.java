package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.log.CloudLoggingFields;
import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A call whose upgrade request carries Cloud Run's {@code X-Cloud-Trace-Context}: with the console as in production
 * (JSON, {@code gcp} format), each of the call's lines, from the socket to Agent Assist, comes out with the trace and
 * the call's ids as top-level fields, formatted by the very formatter the application's console uses.
 */
@QuarkusTest
@TestProfile(TracedCallLogTest.JsonConsole.class)
class TracedCallLogTest extends ConnectorTest {
    static final String TRACE_ID = "105445aa7843bc8bf206b12000100000";
    static final ObjectMapper JSON = new ObjectMapper();

    public static class JsonConsole implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // as %prod has it; the project is %test's connector.api.project-id (emulated-project)
            return Map.of("quarkus.log.console.json.enabled", "true",
                    "quarkus.log.console.json.log-format", "gcp",
                    "quarkus.log.console.json.excluded-keys", "trace,spanId,traceSampled",
                    "quarkus.log.console.filter", "cloud-logging-severity");
        }
    }

    @Test
    void everyLineOfTheCallCarriesItsTraceAndIdsAtTheTop() throws Exception {
        Formatter console = consoleFormatter();
        AudioHookClient client;
        try (LogCapture capture = LogCapture.start()) {
            client = connect(call(endpoint).header("X-Cloud-Trace-Context", TRACE_ID + "/1234;o=1"));
            String sessionId = client.config().sessionId();
            await(client.open());
            // Agent Assist's setup line comes from its timer thread, not the socket's
            TestCalls.eventually(() -> capture.lines().stream().anyMatch(l -> sessionId.equals(l.mdc().get("sessionId"))
                    && l.logger().endsWith("assist.AssistCall")));
            await(client.close("end"));
            client.awaitClose(Duration.ofSeconds(10));
            List<LogCapture.Line> mine = capture.lines().stream()
                    .filter(l -> sessionId.equals(l.mdc().get("sessionId"))).toList();
            assertTrue(mine.stream().anyMatch(l -> l.logger().contains(".web.")), "the socket's lines: " + mine);
            assertTrue(mine.stream().anyMatch(l -> l.logger().contains(".call.")), "the call's lines: " + mine);

            for (LogCapture.Line line : mine) {
                JsonNode json = JSON.readTree(console.format(line.record()));
                String what = line.logger() + ": " + json;
                assertEquals("projects/emulated-project/traces/" + TRACE_ID,
                        text(json, "logging.googleapis.com/trace"), what);
                assertEquals("00000000000004d2", text(json, "logging.googleapis.com/spanId"), "1234 in hex: " + what);
                assertTrue(json.get("logging.googleapis.com/trace_sampled").booleanValue(), what);
                assertEquals(sessionId, text(json, "sessionId"), what);
                assertEquals(client.config().correlationId(), text(json, "correlationId"), what);
                assertNotNull(json.get("severity"), "the framework's gcp fields are kept: " + what);
                assertFalse(json.has("trace") || json.has("spanId") || json.has("traceSampled"),
                        "the gcp format's own (empty) trace fields are left out: " + what);
            }
            assertTrue(mine.stream().anyMatch(l -> client.config().conversationId().equals(l.mdc().get("conversationId"))));
        }
    }

    @Test
    void aCallWithoutTraceHasNoTraceFields() throws Exception {
        Formatter console = consoleFormatter();
        try (LogCapture capture = LogCapture.start()) {
            AudioHookClient client = connect(call(endpoint).header("X-Cloud-Trace-Context", "not-a-trace"));
            await(client.open());
            await(client.close("end"));
            client.awaitClose(Duration.ofSeconds(10));
            String sessionId = client.config().sessionId();
            List<LogCapture.Line> mine = capture.lines().stream()
                    .filter(l -> sessionId.equals(l.mdc().get("sessionId"))).toList();
            assertFalse(mine.isEmpty());
            for (LogCapture.Line line : mine) {
                JsonNode json = JSON.readTree(console.format(line.record()));
                assertEquals(sessionId, text(json, "sessionId"));
                assertFalse(json.has("logging.googleapis.com/trace"), json.toString());
            }
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null ? null : value.asText();
    }

    /** The formatter of the application's console handler (Quarkus nests it in its delayed root handler). */
    private static Formatter consoleFormatter() {
        List<Handler> handlers = new ArrayList<>(List.of(Logger.getLogger("").getHandlers()));
        for (int i = 0; i < handlers.size(); i++) {
            Handler handler = handlers.get(i);
            if (handler instanceof ConsoleHandler) {
                return assertInstanceOf(CloudLoggingFields.class, handler.getFormatter(),
                        "the JSON console is decorated");
            }
            if (handler instanceof ExtHandler ext) {
                handlers.addAll(List.of(ext.getHandlers()));
            }
        }
        throw new AssertionError("no console handler");
    }
}
