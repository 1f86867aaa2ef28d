package io.audiohook.connector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void noOptionsIsOneTranscriptionCallToDevMode() throws IOException {
        DemoOptions options = DemoOptions.parse();
        assertEquals("ws://localhost:8080/audiohook/ws", options.target().uri().toString());
        assertEquals(1, options.calls());
        assertEquals(Duration.ofMillis(500), options.stagger());
        assertEquals("transcription", options.target().customConfigJson().path("mode").asText());

        Properties app = new Properties();
        try (InputStream in = DemoOptionsTest.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        assertEquals("${API_KEY:" + DemoOptions.DEFAULT_API_KEY + "}", app.getProperty("%dev.connector.auth.api-key"));
        assertEquals("${CLIENT_SECRET:" + DemoOptions.DEFAULT_SECRET + "}",
                app.getProperty("%dev.connector.auth.client-secret"));
        assertEquals("${PORT:8080}", app.getProperty("quarkus.http.port"));
    }

    @Test
    void everyOption() {
        DemoOptions options = DemoOptions.parse("--uri", "wss://connector.example.com/audiohook/ws", "--api-key", "k2",
                "--secret", TargetTest.SECRET, "--calls", "7", "--stagger-ms", "0", "--monitor",
                "--org-id", "d7934305-0972-4844-938e-9060eef73d05");
        assertEquals("wss://connector.example.com/audiohook/ws", options.target().uri().toString());
        assertEquals("k2", options.target().apiKey());
        assertEquals(7, options.calls());
        assertEquals(Duration.ZERO, options.stagger());
        assertTrue(options.monitor());
        assertNull(options.target().customConfig(), "a monitor call asks for no mode");
        assertEquals("d7934305-0972-4844-938e-9060eef73d05", options.target().organizationId());
    }

    @Test
    void mistakes() {
        assertEquals("--calls must be between 1 and 1000",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--calls", "0")).getMessage());
        assertEquals("--calls takes a whole number, not many",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--calls", "many")).getMessage());
        assertEquals("missing value for --uri",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--uri")).getMessage());
        assertEquals("unknown option --sessions",
                assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--sessions", "2")).getMessage());
    }
}
