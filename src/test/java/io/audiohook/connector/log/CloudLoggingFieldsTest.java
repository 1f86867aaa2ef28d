package io.audiohook.connector.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig;

/** The framework's JSON line (the {@code gcp} format of production), with the call's ids and trace on top. */
class CloudLoggingFieldsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final TraceContext TRACE = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true,
            "acme-cc");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theCallsIdsAndTraceAreTopLevelFields() throws Exception {
        ExtLogRecord record;
        try (var scope = new LogContext("s1", "c1", "r1", TRACE).enter()) {
            record = record("session s1: connected");
        }
        JsonNode line = JSON.readTree(new CloudLoggingFields(gcp()).format(record));
        assertEquals("s1", line.get("sessionId").asText());
        assertEquals("c1", line.get("conversationId").asText());
        assertEquals("r1", line.get("correlationId").asText());
        assertEquals("projects/acme-cc/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                line.get("logging.googleapis.com/trace").asText());
        assertEquals("00f067aa0ba902b7", line.get("logging.googleapis.com/spanId").asText());
        assertTrue(line.get("logging.googleapis.com/trace_sampled").isBoolean(), line.toString());
        assertTrue(line.get("logging.googleapis.com/trace_sampled").booleanValue());
        assertEquals("session s1: connected", line.get("message").asText(), "the framework's fields are kept");
        assertEquals("s1", line.get("mdc").get("sessionId").asText());
    }

    @Test
    void aLineOutsideACallIsTheFrameworksUnchanged() {
        ExtLogRecord record = record("started");
        ExtFormatter gcp = gcp();
        String plain = gcp.format(record);
        assertEquals(plain, new CloudLoggingFields(gcp).format(record));
        assertFalse(plain.contains("logging.googleapis.com"));
    }

    @Test
    void valuesAreEscaped() throws Exception {
        ExtLogRecord record;
        try (var scope = new LogContext("a\"b\\c\n", null, null).enter()) {
            record = record("x");
        }
        assertEquals("a\"b\\c\n", JSON.readTree(new CloudLoggingFields(gcp()).format(record)).get("sessionId")
                .asText());
    }

    @Test
    void anEmptyObjectStaysValidJson() throws Exception {
        ExtLogRecord record;
        try (var scope = new LogContext("s1", null, null).enter()) {
            record = record("x");
        }
        ExtFormatter empty = new ExtFormatter() {
            @Override
            public String format(ExtLogRecord r) {
                return "{ }\n";
            }
        };
        assertEquals("s1", JSON.readTree(new CloudLoggingFields(empty).format(record)).get("sessionId").asText());
    }

    @Test
    void installDecoratesTheJsonHandlersOnlyAndOnlyOnce() {
        ExtHandler delayed = new ExtHandler() {
        };
        ExtHandler console = new ExtHandler() {
        };
        ExtHandler text = new ExtHandler() {
        };
        console.setFormatter(gcp());
        PatternFormatter pattern = new PatternFormatter("%s");
        text.setFormatter(pattern);
        delayed.addHandler(console);
        delayed.addHandler(text);
        java.util.logging.Logger root = java.util.logging.Logger.getAnonymousLogger();
        root.addHandler(delayed);

        assertEquals(1, CloudLoggingFields.install(root));
        assertInstanceOf(CloudLoggingFields.class, console.getFormatter());
        assertSame(pattern, text.getFormatter());
        assertEquals(0, CloudLoggingFields.install(root), "already decorated");
    }

    static ExtFormatter gcp() {
        JsonFormatter formatter = new JsonFormatter();
        formatter.setLogFormat(JsonLogConfig.JsonConfig.LogFormat.GCP);
        return formatter;
    }

    static ExtLogRecord record(String message) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, message, CloudLoggingFieldsTest.class.getName());
        record.setLoggerName("test");
        record.copyMdc();
        return record;
    }
}
