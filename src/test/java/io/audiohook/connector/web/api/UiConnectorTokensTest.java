package io.audiohook.connector.web.api;

import static io.audiohook.connector.web.api.TestTokens.PROJECT;
import static io.audiohook.connector.web.api.TestTokens.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The verifier alone, against tokens shaped exactly like the UI connector's and against every way to forge one. */
class UiConnectorTokensTest {
    static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    final UiConnectorTokens tokens = UiConnectorTokens.signedWith(KEY, PROJECT);
    final Instant later = Instant.now().plusSeconds(3600);

    @Test
    void acceptsTheUiConnectorsTokenWithOrWithoutBearer() {
        String token = TestTokens.uiConnector(KEY, PROJECT, later);
        assertTrue(tokens.verify("Bearer " + token).ok(), tokens.verify(token).reason());
        assertTrue(tokens.verify(token).ok());
        assertEquals("agent@example.com",
                UiConnectorTokens.text(tokens.verify(token).token().orElseThrow().getClaim(UiConnectorTokens.USER_CLAIM)));
    }

    @Test
    void acceptsATokenFromSmallryesBuilder() {
        assertTrue(tokens.verify("Bearer " + TestTokens.built(KEY, PROJECT, later)).ok());
    }

    @Test
    void refusesAnotherSecret() {
        String token = TestTokens.uiConnector("another-secret".getBytes(StandardCharsets.UTF_8), PROJECT, later);
        assertFalse(tokens.verify(token).ok());
    }

    @Test
    void refusesAnotherProject() {
        assertFalse(tokens.verify(TestTokens.uiConnector(KEY, "other-project", later)).ok());
    }

    @Test
    void refusesAProjectThatIsNotAString() {
        String payload = "{\"exp\":" + later.getEpochSecond() + ",\"gcp_agent_assist_project\":[\"" + PROJECT + "\"]}";
        assertFalse(tokens.verify(TestTokens.hs256("{\"alg\":\"HS256\"}", payload, KEY)).ok());
    }

    @Test
    void refusesExpiredWithoutLeeway() {
        assertFalse(tokens.verify(TestTokens.uiConnector(KEY, PROJECT, Instant.now().minusSeconds(2))).ok());
    }

    @Test
    void refusesAMissingExp() {
        String token = TestTokens.hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"gcp_agent_assist_project\":\"" + PROJECT + "\"}", KEY);
        assertFalse(tokens.verify(token).ok());
    }

    @Test
    void refusesAlgNone() {
        assertFalse(tokens.verify(TestTokens.unsigned(TestTokens.payload(PROJECT, later))).ok());
    }

    @Test
    void refusesRs256() {
        assertFalse(tokens.verify(TestTokens.rs256(PROJECT, later)).ok());
    }

    @Test
    void refusesHs512WithTheRightKey() {
        String token = TestTokens.hs256("{\"alg\":\"HS512\"}", TestTokens.payload(PROJECT, later), KEY);
        assertFalse(tokens.verify(token).ok());
    }

    @Test
    void refusesGarbageAndNothing() {
        for (String header : new String[] { null, "", "Bearer ", "Bearer", "garbage", "Bearer a.b.c", "Basic dXNlcjpwYXNz" }) {
            assertFalse(tokens.verify(header).ok(), String.valueOf(header));
        }
    }

    @Test
    void emptyKeyIsSixtyFourZeroBytes() {
        // RFC 4231-style check against the well-known HMAC-SHA256("", "").
        assertEquals("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
                HexFormat.of().formatHex(TestTokens.hmacSha256(new byte[64], new byte[0])));
        assertArrayEquals(new byte[64], UiConnectorTokens.hmacKey(new byte[0]));
    }

    @Test
    void legacyEmptyKeyAcceptsWhatPythonSignedWithTheEmptyKey() {
        UiConnectorTokens legacy = UiConnectorTokens.signedWith(new byte[0], PROJECT);
        assertTrue(legacy.verify("Bearer " + TestTokens.PYTHON_EMPTY_KEY_TOKEN).ok());
        assertFalse(tokens.verify("Bearer " + TestTokens.PYTHON_EMPTY_KEY_TOKEN).ok());
    }

    @Test
    void shortSecretsWorkAsHmacDefinesThem() {
        // deploy.sh stores 20 hex characters: shorter than jose4j's 256-bit minimum, still a valid HMAC key.
        byte[] shortKey = "0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII);
        UiConnectorTokens verifier = UiConnectorTokens.signedWith(shortKey, PROJECT);
        assertTrue(verifier.verify(TestTokens.uiConnector(shortKey, PROJECT, later)).ok());
    }

    @Test
    void longSecretsAreUsedAsIs() {
        byte[] longKey = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
        UiConnectorTokens verifier = UiConnectorTokens.signedWith(longKey, PROJECT);
        assertTrue(verifier.verify(TestTokens.uiConnector(longKey, PROJECT, later)).ok());
    }
}
