package io.audiohook.connector.assist;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many utterances the earlier sessions of a conversation had, while it waits in its grace for a reconnect:
 * the session that continues it inherits the count, so whether the conversation is long enough to summarize
 * depends on all of it, not on its last session. Bounded like the pending completions; the oldest is forgotten.
 */
final class CarriedMessages {
    private final int capacity;
    private final Map<String, Long> carried = new LinkedHashMap<>();

    CarriedMessages(int capacity) {
        this.capacity = capacity;
    }

    /** A session ended without {@code end}, with {@code messages} in the conversation so far. */
    synchronized void keep(String conversationName, long messages) {
        carried.remove(conversationName);
        carried.put(conversationName, messages);
        while (carried.size() > capacity) {
            carried.remove(carried.keySet().iterator().next());
        }
    }

    /** What the conversation's earlier sessions had; forgotten here, the caller carries it on. */
    synchronized long take(String conversationName) {
        Long messages = carried.remove(conversationName);
        return messages == null ? 0 : messages;
    }

    synchronized int size() {
        return carried.size();
    }
}
