package io.audiohook.connector.assist;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the last events of the most recent conversations in memory: the sink used until a publisher is
 * plugged in, and what tests read. Bounded twice: at most {@code perConversation} events per conversation
 * (older ones are dropped and counted) and at most {@code conversations} conversations (the oldest is forgotten).
 */
public final class RecentAssistEvents implements AssistEventSink {
    private final int perConversation;
    private final int conversations;
    private final Map<String, Deque<AssistEvent>> events = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public RecentAssistEvents(int perConversation, int conversations) {
        if (perConversation < 1 || conversations < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.perConversation = perConversation;
        this.conversations = conversations;
    }

    @Override
    public void accept(AssistEvent event) {
        accepted.incrementAndGet();
        Deque<AssistEvent> queue = events.computeIfAbsent(event.conversationName(), name -> {
            order.addLast(name);
            return new ArrayDeque<>();
        });
        synchronized (queue) {
            queue.addLast(event);
            while (queue.size() > perConversation) {
                queue.pollFirst();
                dropped.incrementAndGet();
            }
        }
        while (order.size() > conversations) {
            String oldest = order.pollFirst();
            if (oldest != null) {
                Deque<AssistEvent> forgotten = events.remove(oldest);
                if (forgotten != null) {
                    synchronized (forgotten) {
                        dropped.addAndGet(forgotten.size());
                    }
                }
            }
        }
    }

    /** The kept events of one conversation, oldest first. */
    public List<AssistEvent> events(String conversationName) {
        Deque<AssistEvent> queue = events.get(conversationName);
        if (queue == null) {
            return List.of();
        }
        synchronized (queue) {
            return List.copyOf(queue);
        }
    }

    public <T extends AssistEvent> List<T> events(String conversationName, Class<T> type) {
        return events(conversationName).stream().filter(type::isInstance).map(type::cast).toList();
    }

    public long accepted() {
        return accepted.get();
    }

    /** Events evicted by either bound. */
    public long dropped() {
        return dropped.get();
    }
}
