package io.audiohook.connector.web.api;

import static io.audiohook.connector.web.api.TestTokens.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

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

    private static int status(String authorization) {
        return ApiRequests.withAuthorization(authorization).get(ApiAuthenticationTest.SESSIONS).statusCode();
    }

    @Test
    void acceptsWhatPythonSignedWithTheEmptyKey() {
        ApiRequests.withAuthorization("Bearer " + TestTokens.PYTHON_EMPTY_KEY_TOKEN).get(ApiAuthenticationTest.SESSIONS)
                .then().statusCode(200);
    }

    @Test
    void acceptsOurOwnEmptyKeyTokenWithoutBearer() {
        assertEquals(200, status(TestTokens.uiConnector(new byte[0], PROJECT, Instant.now().plusSeconds(60))));
    }

    @Test
    void stillChecksProjectExpiryAndKey() {
        assertEquals(401, status("Bearer "
                + TestTokens.uiConnector(new byte[0], "other-project", Instant.now().plusSeconds(60))));
        assertEquals(401, status("Bearer " + TestTokens.uiConnector(new byte[0], PROJECT, Instant.now().minusSeconds(2))));
        assertEquals(401, status("Bearer " + TestTokens.valid()), "the real secret is not the key");
        assertEquals(401, status("Bearer " + TestTokens.uiConnector(
                "x".getBytes(StandardCharsets.UTF_8), PROJECT, Instant.now().plusSeconds(60))));
    }
}
