package io.audiohook.connector.web.api;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** JSON the publisher stored as text (suggestion results, summary sections), served as JSON again. */
final class StoredJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoredJson() {
    }

    /** The stored text as a JSON value; an empty array for text that is not JSON (never written by us). */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node instanceof MissingNode ? MAPPER.createArrayNode() : node;
        } catch (IOException e) {
            return MAPPER.createArrayNode();
        }
    }
}
