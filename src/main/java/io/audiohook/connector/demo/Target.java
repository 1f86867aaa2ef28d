package io.audiohook.connector.demo;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.audiohook.connector.auth.ApiKey;

/**
 * Where a demo call goes and how it signs in: an AudioHook endpoint ({@code ws://} or {@code wss://}), the
 * integration's API key and client secret, and optionally the organization id Genesys would send (a fresh random
 * one per call when null; set it when the service allows only some organizations) and the integration's Custom
 * Config (a JSON object, e.g. {@code {"mode":"transcription"}}).
 *
 * <p>Everything is checked here, so a bad target fails when it is made, with a message that never contains the
 * key or the secret.
 *
 * @param clientSecret the decoded secret (the HMAC key); required, because a demo call is signed like Genesys
 */
public record Target(URI uri, String apiKey, byte[] clientSecret, String organizationId, String customConfig) {

    /** Trailing tokens refused: a JSON object with more text after it is not a JSON object. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public Target {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("the URI must be ws:// or wss://, e.g. ws://localhost:8080/audiohook/ws");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URI must be ws[s]://host[:port]/path, without user or fragment");
        }
        if (clientSecret == null || clientSecret.length == 0) {
            throw new IllegalArgumentException("a client secret is required: a demo call is signed like Genesys");
        }
        ApiKey checked = new ApiKey(Objects.requireNonNull(apiKey, "apiKey"), clientSecret); // format, all-zero secret
        clientSecret = checked.secret();
        if (organizationId != null) {
            requireUuid(organizationId);
        }
        if (customConfig != null) {
            requireJsonObject(customConfig);
        }
    }

    /**
     * A target from text as a terminal or a form gives it.
     *
     * @param base64Secret the client secret as configured in Genesys: standard, padded base64
     */
    public static Target of(String uri, String apiKey, String base64Secret) {
        URI parsed;
        try {
            parsed = new URI(Objects.requireNonNull(uri, "uri").strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + e.getMessage());
        }
        if (base64Secret == null || base64Secret.isBlank()) {
            throw new IllegalArgumentException("a client secret is required: a demo call is signed like Genesys");
        }
        ApiKey key = ApiKey.of(Objects.requireNonNull(apiKey, "apiKey"), base64Secret);
        return new Target(parsed, key.key(), key.secret(), null, null);
    }

    /** The same target with the organization id every call sends (a UUID). */
    public Target withOrganizationId(String id) {
        return new Target(uri, apiKey, clientSecret, id, customConfig);
    }

    /** The same target with a Custom Config (a JSON object) in every call's {@code open}. */
    public Target withCustomConfig(String json) {
        return new Target(uri, apiKey, clientSecret, organizationId, json);
    }

    /** A copy: the caller cannot change the key calls are signed with. */
    @Override
    public byte[] clientSecret() {
        return clientSecret.clone();
    }

    ApiKey key() {
        return new ApiKey(apiKey, clientSecret);
    }

    /** The Custom Config as JSON, or null. */
    JsonNode customConfigJson() {
        return customConfig == null ? null : requireJsonObject(customConfig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && uri.equals(t.uri) && key().equals(t.key())
                && Objects.equals(organizationId, t.organizationId) && Objects.equals(customConfig, t.customConfig);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /** Safe to log: the key only as its fingerprint, the secret not at all. */
    @Override
    public String toString() {
        return "Target[" + uri + ", " + key() + (organizationId == null ? "" : ", org " + organizationId)
                + (customConfig == null ? "" : ", customConfig " + customConfig) + "]";
    }

    private static void requireUuid(String id) {
        try {
            if (UUID.fromString(id).toString().equalsIgnoreCase(id)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException("the organization id must be a UUID, e.g. " + UUID.randomUUID());
    }

    private static JsonNode requireJsonObject(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // said below
        }
        throw new IllegalArgumentException("the Custom Config must be a JSON object, e.g. {\"mode\":\"transcription\"}");
    }
}
