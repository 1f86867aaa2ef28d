package io.audiohook.connector.web.api;

import static io.audiohook.connector.web.api.TestTokens.PROJECT;
import static io.audiohook.connector.web.api.TestTokens.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The API over real HTTP with the %test secret: the UI connector's tokens get in, nothing else does, and
 * every refusal is the same small JSON body.
 */
@QuarkusTest
class ApiAuthenticationTest {
    static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

    @TestHTTPResource("/api/v1/sessions")
    URI sessions;

    final Instant later = Instant.now().plusSeconds(3600);

    @Test
    void acceptsTheUiConnectorsToken() {
        ApiClient.Reply reply = ApiClient.bearer(sessions, TestTokens.valid());
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertTrue(reply.json().isArray());
    }

    @Test
    void acceptsTheBareTokenLikeTheUiConnector() {
        assertEquals(200, ApiClient.get(sessions, TestTokens.valid()).status());
    }

    @Test
    void acceptsATokenFromSmallryesBuilder() {
        assertEquals(200, ApiClient.bearer(sessions, TestTokens.built(KEY, PROJECT, later)).status());
    }

    @Test
    void wrongSignature() {
        assertRefused("Bearer " + TestTokens.uiConnector("not-the-secret".getBytes(StandardCharsets.UTF_8), PROJECT, later));
    }

    @Test
    void tamperedClaims() {
        String[] parts = TestTokens.valid().split("\\.");
        String other = TestTokens.b64(TestTokens.payload("other-project", later).getBytes(StandardCharsets.UTF_8));
        assertRefused("Bearer " + parts[0] + "." + other + "." + parts[2]);
    }

    @Test
    void wrongProject() {
        assertRefused("Bearer " + TestTokens.uiConnector(KEY, "other-project", later));
    }

    @Test
    void expired() {
        assertRefused("Bearer " + TestTokens.uiConnector(KEY, PROJECT, Instant.now().minusSeconds(2)));
    }

    @Test
    void missingExp() {
        assertRefused("Bearer " + TestTokens.hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"gcp_agent_assist_project\":\"" + PROJECT + "\"}", KEY));
    }

    @Test
    void algNone() {
        assertRefused("Bearer " + TestTokens.unsigned(TestTokens.payload(PROJECT, later)));
    }

    @Test
    void rs256() {
        assertRefused("Bearer " + TestTokens.rs256(PROJECT, later));
    }

    @Test
    void emptyKeyTokenWithoutTheOptIn() {
        assertRefused("Bearer " + TestTokens.PYTHON_EMPTY_KEY_TOKEN);
        assertRefused("Bearer " + TestTokens.uiConnector(new byte[0], PROJECT, later));
    }

    @Test
    void missingToken() {
        assertRefused(null);
    }

    @Test
    void garbage() {
        assertRefused("Bearer not-a-jwt");
        assertRefused("Basic dXNlcjpwYXNz");
        assertRefused("Bearer ");
    }

    @Test
    void theTranscriptEndpointIsGuardedToo() {
        URI transcript = sessions.resolve("/api/v1/conversations/" + java.util.UUID.randomUUID() + "/transcript");
        ApiClient.Reply reply = ApiClient.get(transcript, null);
        assertEquals(401, reply.status());
        assertEquals(unauthorized(), reply.json());
    }

    private void assertRefused(String authorization) {
        ApiClient.Reply reply = ApiClient.get(sessions, authorization);
        assertEquals(401, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        // The same body whatever was wrong: nothing to learn from it.
        assertEquals(unauthorized(), reply.json());
        assertEquals("Bearer", reply.wwwAuthenticate());
    }

    static ObjectNode unauthorized() {
        return JsonNodeFactory.instance.objectNode().put("message", "unauthorized");
    }
}
