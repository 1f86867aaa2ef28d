package io.audiohook.connector.web.api;

/**
 * JSON the publisher stored as text (suggestion results, summary sections), served as JSON again without being
 * parsed: a transcript can hold thousands of entries and is served on the event loop. Only text the publisher wrote
 * is in these fields; anything that is not a JSON array is served as an empty one, so the answer stays JSON.
 */
final class StoredJson {
    private StoredJson() {
    }

    /** {@code text} when it is a JSON array as the publisher writes them, else {@code []}. */
    static String array(String text) {
        if (text == null) {
            return "[]";
        }
        String trimmed = text.strip();
        return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed : "[]";
    }
}
