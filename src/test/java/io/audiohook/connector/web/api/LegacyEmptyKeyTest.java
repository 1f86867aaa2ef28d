package io.audiohook.connector.web.api;

import static io.audiohook.connector.web.api.TestTokens.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code connector.api.jwt.legacy-empty-key=true}: the tokens Google's UI connector signs today get in. */
@QuarkusTest
@TestProfile(LegacyEmptyKeyTest.EmptyKey.class)
class LegacyEmptyKeyTest {

    public static class EmptyKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Exactly one key source: the %test secret is switched off.
            return Map.of("%test.connector.api.jwt.secret", "", "connector.api.jwt.legacy-empty-key", "true");
        }
    }

    @TestHTTPResource("/api/v1/sessions")
    URI sessions;

    @Test
    void acceptsWhatPythonSignedWithTheEmptyKey() {
        ApiClient.Reply reply = ApiClient.bearer(sessions, TestTokens.PYTHON_EMPTY_KEY_TOKEN);
        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void acceptsOurOwnEmptyKeyTokenWithoutBearer() {
        assertEquals(200, ApiClient.get(sessions,
                TestTokens.uiConnector(new byte[0], PROJECT, Instant.now().plusSeconds(60))).status());
    }

    @Test
    void stillChecksProjectExpiryAndKey() {
        assertEquals(401, ApiClient.bearer(sessions,
                TestTokens.uiConnector(new byte[0], "other-project", Instant.now().plusSeconds(60))).status());
        assertEquals(401, ApiClient.bearer(sessions,
                TestTokens.uiConnector(new byte[0], PROJECT, Instant.now().minusSeconds(2))).status());
        assertEquals(401, ApiClient.bearer(sessions, TestTokens.valid()).status(), "the real secret is not the key");
        assertEquals(401, ApiClient.bearer(sessions, TestTokens.uiConnector(
                "x".getBytes(StandardCharsets.UTF_8), PROJECT, Instant.now().plusSeconds(60))).status());
    }
}
