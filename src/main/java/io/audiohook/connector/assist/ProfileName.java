package io.audiohook.connector.assist;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation profile's resource name and what follows from it: the project and location every
 * conversation of this connector lives in, and the regional endpoint that serves them.
 */
public record ProfileName(String name, String project, String location) {
    /** The one profile the Dialogflow emulator knows (dev mode, tests, the demo), unless configured otherwise. */
    public static final String EMULATED =
            "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile";
    private static final Pattern FORMAT = Pattern
            .compile("^projects/([^/]+)/locations/([^/]+)/conversationProfiles/([^/]+)$");

    public static ProfileName parse(String name) {
        Matcher m = FORMAT.matcher(name.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "conversation profile must be projects/<project>/locations/<location>/conversationProfiles/<id>");
        }
        return new ProfileName(name.trim(), m.group(1), m.group(2));
    }

    /** Parent of the conversations: {@code projects/<p>/locations/<l>}. */
    public String parent() {
        return "projects/" + project + "/locations/" + location;
    }

    /** Dialogflow ids must start with a letter; Genesys UUIDs may start with a digit. */
    public static String conversationId(String genesysConversationId) {
        return "a" + genesysConversationId;
    }

    /**
     * The Genesys conversation a Dialogflow conversation is named after: the inverse of
     * {@link #conversationId(String)}, from a full name ({@code …/conversations/a<id>}) or a bare id.
     */
    public static String genesysConversationId(String conversationName) {
        String id = conversationName.substring(conversationName.lastIndexOf('/') + 1);
        return id.startsWith("a") ? id.substring(1) : id;
    }

    public String conversationName(String genesysConversationId) {
        return parent() + "/conversations/" + conversationId(genesysConversationId);
    }

    /** Host and region of the resource must match, or Dialogflow refuses the request. */
    public String regionalEndpoint() {
        return "global".equals(location) ? "dialogflow.googleapis.com:443" : location + "-dialogflow.googleapis.com:443";
    }
}
