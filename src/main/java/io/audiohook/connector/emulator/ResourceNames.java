package io.audiohook.connector.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of Dialogflow's resource names for locations, conversations and participants, checked as
 * Dialogflow checks them ({@code INVALID_ARGUMENT} for a malformed one), and the names built from them.
 *
 * <p>Stateless and thread-safe.
 */
final class ResourceNames {
    private static final Pattern PARENT = Pattern.compile("projects/[^/]+/locations/[^/]+");
    /** conversation.proto, CreateConversationRequest.conversation_id: {@code [a-zA-Z][a-zA-Z0-9_-]*}, 3 to 64 long. */
    private static final Pattern CONVERSATION_ID = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{2,63}");
    private static final Pattern CONVERSATION_NAME = Pattern.compile("projects/[^/]+/locations/[^/]+/conversations/[^/]+");
    static final Pattern GENERATOR_NAME = Pattern.compile("projects/[^/]+/locations/[^/]+/generators/[^/]+");
    private static final Pattern PARTICIPANT_NAME = Pattern.compile("(" + CONVERSATION_NAME + ")/participants/[^/]+");

    private ResourceNames() {
    }

    static void checkParent(String parent) {
        if (!PARENT.matcher(parent).matches()) {
            throw Errors.invalid("Parent must have the form projects/<project>/locations/<location>: '" + parent + "'");
        }
    }

    /** The name of a new conversation in {@code parent}: with the id the client asked for, else a generated one. */
    static String newConversation(String parent, String requestedId) {
        String id = requestedId;
        if (id.isEmpty()) {
            id = Ids.next();
        } else if (!CONVERSATION_ID.matcher(id).matches()) {
            throw Errors.invalid("Conversation id must match [a-zA-Z][a-zA-Z0-9_-]* and have 3 to 64 characters: '"
                    + id + "'");
        }
        return parent + "/conversations/" + id;
    }

    static String newParticipant(String conversation) {
        return conversation + "/participants/" + Ids.next();
    }

    static void checkConversation(String name) {
        if (!CONVERSATION_NAME.matcher(name).matches()) {
            throw Errors.invalid("Conversation name must have the form "
                    + "projects/<project>/locations/<location>/conversations/<id>: '" + name + "'");
        }
    }

    static void checkGenerator(String name) {
        if (!GENERATOR_NAME.matcher(name).matches()) {
            throw Errors.invalid("Generator name must have the form "
                    + "projects/<project>/locations/<location>/generators/<id>: '" + name + "'");
        }
    }

    /** The project of a location, conversation or participant name that was checked already. */
    static String projectOf(String name) {
        return name.split("/")[1];
    }

    /** The location ({@code projects/<p>/locations/<l>}) of a conversation or participant name that was checked. */
    static String locationOf(String name) {
        String[] parts = name.split("/", 5);
        return String.join("/", parts[0], parts[1], parts[2], parts[3]);
    }

    /** A new answer record in a location: every suggestion has one, for feedback. */
    static String newAnswerRecord(String location) {
        return location + "/answerRecords/" + Ids.next();
    }

    /** The conversation a well-formed participant name is in. */
    static String conversationOf(String participant) {
        Matcher matcher = PARTICIPANT_NAME.matcher(participant);
        if (!matcher.matches()) {
            throw Errors.invalid("Participant name must have the form "
                    + "projects/<project>/locations/<location>/conversations/<id>/participants/<id>: '"
                    + participant + "'");
        }
        return matcher.group(1);
    }
}
