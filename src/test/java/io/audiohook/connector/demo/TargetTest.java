package io.audiohook.connector.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TargetTest {
    static final String SECRET = Base64.getEncoder().encodeToString("a-secret-of-32-bytes-for-testing".getBytes(
            StandardCharsets.US_ASCII));

    @Test
    void aTargetFromText() {
        Target target = Target.of(" wss://connector.example.com/audiohook/ws ", "key-1", SECRET);
        assertEquals("wss://connector.example.com/audiohook/ws", target.uri().toString());
        assertArrayEquals("a-secret-of-32-bytes-for-testing".getBytes(StandardCharsets.US_ASCII), target.clientSecret());
        assertEquals(null, target.organizationId());
        Target more = target.withOrganizationId("d7934305-0972-4844-938e-9060eef73d05")
                .withCustomConfig("{\"mode\":\"transcription\"}");
        assertEquals("transcription", more.customConfigJson().path("mode").asText());
        assertEquals("d7934305-0972-4844-938e-9060eef73d05", more.organizationId());
    }

    @Test
    void everyMistakeIsSaidWithoutTheKeyOrTheSecret() {
        assertRefused("the URI must be ws:// or wss://", () -> Target.of("http://localhost:8080/audiohook/ws", "k", SECRET));
        assertRefused("the URI must be ws[s]://host", () -> Target.of("ws:///audiohook/ws", "k", SECRET));
        assertRefused("not a URI", () -> Target.of("ws://local host/", "k", SECRET));
        assertRefused("a client secret is required", () -> Target.of("ws://localhost/", "k", " "));
        assertRefused("is not valid base64", () -> Target.of("ws://localhost/", "k", "not*base64"));
        assertRefused("API key has an invalid format", () -> Target.of("ws://localhost/", "a key", SECRET));
        Target target = Target.of("ws://localhost/", "k", SECRET);
        assertRefused("the organization id must be a UUID", () -> target.withOrganizationId("acme"));
        assertRefused("the Custom Config must be a JSON object", () -> target.withCustomConfig("[1]"));
        assertRefused("the Custom Config must be a JSON object", () -> target.withCustomConfig("{"));
        assertRefused("the Custom Config must be a JSON object", () -> target.withCustomConfig("{}}"));
        assertRefused("the Custom Config must be a JSON object", () -> target.withCustomConfig("{} {\"mode\":1}"));
    }

    @Test
    void itsTextShowsNeitherKeyNorSecret() {
        Target target = Target.of("ws://localhost/", "very-secret-key", SECRET);
        assertFalse(target.toString().contains("very-secret-key"), target.toString());
        assertFalse(target.toString().contains(SECRET), target.toString());
        assertTrue(target.toString().contains("sha256:"), target.toString());
    }

    @Test
    void theSecretCannotBeChangedFromOutside() {
        byte[] secret = "a-secret-of-32-bytes-for-testing".getBytes(StandardCharsets.US_ASCII);
        Target target = new Target(java.net.URI.create("ws://localhost/"), "k", secret, null, null);
        secret[0] = 'X';
        target.clientSecret()[1] = 'Y';
        assertEquals('a', target.clientSecret()[0]);
        assertEquals('-', target.clientSecret()[1]);
    }

    private static void assertRefused(String start, org.junit.jupiter.api.function.Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().startsWith(start) || e.getMessage().contains(start), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }
}
