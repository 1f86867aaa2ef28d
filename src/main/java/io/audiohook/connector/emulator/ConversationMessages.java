package io.audiohook.connector.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Message;

/**
 * The finalized messages of one conversation, oldest first, as its streams analysed them: what summaries and
 * generators are built from. Bounded: beyond {@value #MAX_MESSAGES} the oldest goes (summaries take at most as
 * many as context). Thread-safe: the two parties' streams add from their own event loops while a summary reads.
 */
final class ConversationMessages {
    /** SuggestConversationSummaryRequest.context_size: "By default 500 and at most 1000." */
    static final int MAX_MESSAGES = 1000;

    private final ArrayDeque<Message> messages = new ArrayDeque<>();

    synchronized void add(Message message) {
        if (messages.size() >= MAX_MESSAGES) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    /**
     * The last {@code size} messages up to and including {@code latest} (the newest when empty), oldest first.
     * NOT_FOUND when {@code latest} is not among the messages kept.
     */
    synchronized List<Message> context(String latest, int size) {
        List<Message> all = new ArrayList<>(messages);
        int end = all.size();
        if (!latest.isEmpty()) {
            end = 0;
            while (end < all.size() && !all.get(end).getName().equals(latest)) {
                end++;
            }
            if (end == all.size()) {
                throw Errors.notFound("Message", latest);
            }
            end++;
        }
        return List.copyOf(all.subList(Math.max(0, end - size), end));
    }

    synchronized int size() {
        return messages.size();
    }
}
