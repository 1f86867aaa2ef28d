package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.protobuf.Timestamp;

class StoredConversationTest {
    private static final Timestamp START = Protos.timestamp(Instant.parse("2024-01-01T10:00:00Z"));
    private static final Timestamp FIRST_END = Protos.timestamp(Instant.parse("2024-01-01T10:05:00Z"));
    private static final Timestamp LATER = Protos.timestamp(Instant.parse("2024-01-01T10:06:00Z"));

    private final StoredConversation conversation = new StoredConversation(EmulatedCall.PARENT + "/conversations/abc",
            EmulatedCall.PROFILE, Conversation.ConversationStage.HUMAN_ASSIST_STAGE, START);

    @Test
    void inProgressUntilCompletedWithoutAnEndTime() {
        Conversation proto = conversation.toProto();
        assertFalse(conversation.isCompleted());
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, proto.getLifecycleState());
        assertEquals(START, proto.getStartTime());
        assertFalse(proto.hasEndTime());
        assertEquals(EmulatedCall.PROFILE, proto.getConversationProfile());
    }

    @Test
    void completingAgainKeepsTheFirstEndButIsCounted() {
        conversation.complete(FIRST_END);
        conversation.complete(LATER);

        assertTrue(conversation.isCompleted());
        assertEquals(FIRST_END, conversation.toProto().getEndTime());
        assertEquals(new ConversationStats(conversation.name, conversation.profile, Conversation.LifecycleState.COMPLETED, List.of(), 2),
                conversation.stats());
    }

    @Test
    void statsAreASnapshotOfTheParticipants() {
        conversation.participants.add("p1");
        ConversationStats stats = conversation.stats();
        conversation.participants.add("p2");
        assertEquals(List.of("p1"), stats.participants());
    }

    @Test
    void finalizedUtterancesAreCountedPerRole() {
        conversation.finalized(Participant.Role.END_USER).incrementAndGet();
        assertEquals(1, conversation.finalized(Participant.Role.END_USER).get());
        assertEquals(0, conversation.finalized(Participant.Role.HUMAN_AGENT).get());
    }
}
