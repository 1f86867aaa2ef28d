package io.audiohook.connector.web.api;

import java.util.Optional;
import java.util.regex.Pattern;

import io.audiohook.connector.protocol.Uuids;
import io.audiohook.connector.publish.ConversationKeys;

/**
 * The ways a caller may name a conversation, resolved to the Dialogflow conversation name without location,
 * which is how transcripts are keyed:
 * <ul>
 * <li>the Genesys conversation id (a UUID) — Dialogflow id {@code a<uuid>}, as this connector creates it;
 * <li>the Dialogflow conversation id ({@code a<uuid>}, or any valid custom id);
 * <li>the full name {@code projects/<p>[/locations/<l>]/conversations/<id>}, as desktops and the UI connector use.
 * </ul>
 * The first two are placed in {@code project}, the project of our conversation profile. Anything else is not a
 * conversation, so arbitrary text never turns into a Redis key.
 */
final class ConversationRef {
    /** Dialogflow: {@code [a-zA-Z][a-zA-Z0-9_-]*}, 3 to 64 characters. */
    private static final Pattern CONVERSATION_ID = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{2,63}");
    /** Loose on purpose (domain-scoped ids have {@code :} and {@code .}); it only has to keep out {@code /}. */
    private static final Pattern PROJECT_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9.:_-]{0,99}");
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]{1,40}");

    private ConversationRef() {
    }

    static Optional<String> nameWithoutLocation(String ref, Optional<String> project) {
        if (ref == null) {
            return Optional.empty();
        }
        String value = ref.trim();
        if (Uuids.isValid(value)) {
            return project.map(p -> name(p, "a" + value));
        }
        if (CONVERSATION_ID.matcher(value).matches()) {
            return project.map(p -> name(p, value));
        }
        String[] parts = value.split("/", -1);
        boolean withLocation = parts.length == 6 && parts[2].equals("locations") && LOCATION.matcher(parts[3]).matches();
        boolean plain = parts.length == 4;
        if ((withLocation || plain) && parts[0].equals("projects") && PROJECT_ID.matcher(parts[1]).matches()
                && parts[parts.length - 2].equals("conversations")
                && CONVERSATION_ID.matcher(parts[parts.length - 1]).matches()) {
            return Optional.of(ConversationKeys.withoutLocation(value));
        }
        return Optional.empty();
    }

    private static String name(String project, String conversationId) {
        return "projects/" + project + "/conversations/" + conversationId;
    }
}
