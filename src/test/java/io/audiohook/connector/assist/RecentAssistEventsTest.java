package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.ConversationEvent;

class RecentAssistEventsTest {

    static ConversationLifecycle event(String conversation, long n) {
        return new ConversationLifecycle(conversation, ConversationEvent.Type.CONVERSATION_STARTED, n);
    }

    @Test
    void keepsTheLastEventsPerConversationAndCountsWhatItDrops() {
        RecentAssistEvents sink = new RecentAssistEvents(2, 2);
        for (long i = 0; i < 3; i++) {
            sink.accept(event("a", i));
        }
        assertEquals(List.of(1L, 2L), sink.events("a").stream().map(AssistEvent::receivedNanos).toList());
        assertEquals(1, sink.dropped());
        sink.accept(event("b", 0));
        sink.accept(event("c", 0));
        assertEquals(List.of(), sink.events("a"), "the oldest conversation is forgotten");
        assertEquals(3, sink.dropped());
        assertEquals(5, sink.accepted());
    }
}
