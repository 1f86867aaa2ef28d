package io.audiohook.connector.web.api;

import static io.audiohook.connector.web.api.TestTokens.PROJECT;
import static io.audiohook.connector.web.api.TestTokens.SECRET;
import static io.audiohook.connector.web.api.ApiRequests.json;
import static io.audiohook.connector.web.api.ApiRequests.withAuthorization;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The API over real HTTP with the %test secret: the UI connector's tokens get in, nothing else does, and
 * every refusal is the same small JSON body.
 */
@QuarkusTest
class ApiAuthenticationTest {
    static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

    static final String SESSIONS = "/api/v1/sessions";

    final Instant later = Instant.now().plusSeconds(3600);

    @Test
    void acceptsTheUiConnectorsToken() {
        withAuthorization("Bearer " + TestTokens.valid()).get(SESSIONS).then()
                .statusCode(200).contentType(startsWith("application/json")).body("", instanceOf(java.util.List.class));
    }

    @Test
    void acceptsTheBareTokenLikeTheUiConnector() {
        withAuthorization(TestTokens.valid()).get(SESSIONS).then().statusCode(200);
    }

    @Test
    void acceptsATokenFromSmallryesBuilder() {
        withAuthorization("Bearer " + TestTokens.built(KEY, PROJECT, later)).get(SESSIONS).then().statusCode(200);
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
        Response reply = withAuthorization(null)
                .get("/api/v1/conversations/" + java.util.UUID.randomUUID() + "/transcript");
        reply.then().statusCode(401);
        assertEquals(unauthorized(), json(reply));
    }

    private void assertRefused(String authorization) {
        Response reply = withAuthorization(authorization).get(SESSIONS);
        reply.then().statusCode(401).contentType(startsWith("application/json")).header("WWW-Authenticate", "Bearer");
        // The same body whatever was wrong: nothing to learn from it.
        assertEquals(unauthorized(), json(reply));
    }

    static ObjectNode unauthorized() {
        return JsonNodeFactory.instance.objectNode().put("message", "unauthorized");
    }
}
