package io.audiohook.connector.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One text message from the server; parsed is null when it was not JSON. */
public record Received(long nanoTime, String json, JsonNode parsed) {

    public String type() {
        return parsed == null ? null : parsed.path("type").asText(null);
    }

    public long seq() {
        return parsed == null ? -1 : parsed.path("seq").asLong(-1);
    }

    public long clientseq() {
        return parsed == null ? -1 : parsed.path("clientseq").asLong(-1);
    }

    public JsonNode parameters() {
        return parsed == null ? null : parsed.path("parameters");
    }
}
