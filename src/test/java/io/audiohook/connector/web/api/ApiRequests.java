package io.audiohook.connector.web.api;

import static io.restassured.RestAssured.given;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the running application with rest-assured (Quarkus points it at the test port), and their JSON
 * bodies as Jackson trees where a test compares whole documents.
 */
public final class ApiRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {
    }

    /** @param authorization the whole {@code Authorization} header value; null sends none */
    public static RequestSpecification withAuthorization(String authorization) {
        RequestSpecification request = given();
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** Authenticated as the UI connector's desktop would be, with a valid token. */
    public static RequestSpecification asDesktop() {
        return withAuthorization("Bearer " + TestTokens.valid());
    }

    public static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }
}
