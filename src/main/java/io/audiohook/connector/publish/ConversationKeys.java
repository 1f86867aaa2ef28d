package io.audiohook.connector.publish;

/**
 * The names the UI connector and this connector agree on in Redis. The UI connector, its Pub/Sub interceptor and
 * Google's AudioHook connector all key a conversation by its name without the {@code locations/<loc>} part, because
 * desktops may join with either form.
 */
public final class ConversationKeys {
    private static final String LOCATIONS = "/locations/";

    private ConversationKeys() {
    }

    /**
     * {@code projects/p/locations/l/conversations/c} → {@code projects/p/conversations/c}: elements 0, 1,
     * second-to-last and last of the name split on {@code /}, exactly as Google's helper does; names without a
     * location are returned unchanged.
     */
    public static String withoutLocation(String conversationName) {
        if (!conversationName.contains(LOCATIONS)) {
            return conversationName;
        }
        String[] parts = conversationName.split("/", -1);
        return parts[0] + "/" + parts[1] + "/" + parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }

    /** The channel a UI-connector instance listens on for one conversation (it {@code PSUBSCRIBE}s {@code <id>:*}). */
    public static String channel(String instanceId, String conversationKey) {
        return instanceId + ":" + conversationKey;
    }

    /** Our own per-conversation transcript stream; the prefix keeps it clear of the UI connector's keys. */
    public static String transcript(String keyPrefix, String conversationName) {
        return keyPrefix + "transcript:" + withoutLocation(conversationName);
    }
}
