package io.audiohook.connector.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** No secret and no opt-in: the API is there but lets nobody in, empty-key tokens included. */
@QuarkusTest
@TestProfile(NoApiKeyTest.NoKey.class)
class NoApiKeyTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.connector.api.jwt.secret", "");
        }
    }


    @Test
    void refusesEveryToken() {
        for (String token : new String[] { TestTokens.valid(), TestTokens.PYTHON_EMPTY_KEY_TOKEN,
                TestTokens.uiConnector(new byte[0], TestTokens.PROJECT, Instant.now().plusSeconds(60)) }) {
            Response reply = ApiRequests.withAuthorization("Bearer " + token).get(ApiAuthenticationTest.SESSIONS);
            reply.then().statusCode(401);
            assertEquals(ApiAuthenticationTest.unauthorized(), ApiRequests.json(reply));
        }
    }
}
