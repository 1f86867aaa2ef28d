package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class ConversationStoreTest {
    private final ConversationStore store = new ConversationStore(java.util.Set.of(EmulatedCall.PROFILE), 2, Clock.systemUTC());

    @Test
    void theOldestCompletedConversationMakesRoom() {
        String first = create("first");
        String second = create("second");
        store.complete(second);

        String third = create("third");
        assertTrue(store.conversationStats(first).isPresent(), "an active conversation stays, however old");
        assertTrue(store.conversationStats(second).isEmpty());
        assertTrue(store.conversationStats(third).isPresent());

        String participant = store.addParticipant(first, Participant.Role.END_USER).getName();
        store.complete(third);
        store.complete(first);
        create("fourth");
        assertTrue(store.conversationStats(first).isEmpty(), "of two completed ones, the one created first goes");
        assertTrue(store.conversationStats(third).isPresent());
        assertTrue(store.participantStats(participant).isEmpty(), "its participants go with it");
        assertEquals(4, store.conversationsCreated());
        assertEquals(2, store.conversationsHeld());
    }

    @Test
    void aRestartedEmulatorWithAJournalKnowsItsConversationsAsDialogflowWould(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal.tsv");
        ConversationStore before = new ConversationStore(java.util.Set.of(EmulatedCall.PROFILE), 10,
                Clock.systemUTC(), Optional.of(journal));
        String live = before.create(CreateConversationRequest.newBuilder().setParent(EmulatedCall.PARENT)
                .setConversationId("live").setConversation(Conversation.newBuilder()
                        .setConversationProfile(EmulatedCall.PROFILE)).build()).getName();
        String agent = before.addParticipant(live, Participant.Role.HUMAN_AGENT).getName();
        String done = before.create(CreateConversationRequest.newBuilder().setParent(EmulatedCall.PARENT)
                .setConversationId("done").setConversation(Conversation.newBuilder()
                        .setConversationProfile(EmulatedCall.PROFILE)).build()).getName();
        before.complete(done);
        Files.writeString(journal, "C\ttorn", java.nio.file.StandardOpenOption.APPEND); // killed mid-line

        ConversationStore after = new ConversationStore(java.util.Set.of(EmulatedCall.PROFILE), 10,
                Clock.systemUTC(), Optional.of(journal));
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, after.get(live).getLifecycleState());
        assertEquals(List.of(agent), after.participants(live).stream().map(Participant::getName).toList());
        assertEquals(Participant.Role.HUMAN_AGENT, after.participant(agent).role);
        assertEquals(Conversation.LifecycleState.COMPLETED, after.get(done).getLifecycleState());
        assertThrows(StatusRuntimeException.class, () -> after.addParticipant(done, Participant.Role.END_USER),
                "still completed");
    }

    @Test
    void activeConversationsAreNeverEvicted() {
        create("first");
        create("second");
        StatusRuntimeException full = assertThrows(StatusRuntimeException.class, () -> create("third"));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, full.getStatus().getCode());
    }

    @Test
    void scriptLinesPerRoleThenPlaceholders() {
        Script script = Script.parse(List.of("# a comment", "external: one", "", "internal: two", "external: three"));
        assertEquals("one", script.line(Participant.Role.END_USER, 0));
        assertEquals("three", script.line(Participant.Role.END_USER, 1));
        assertEquals("two", script.line(Participant.Role.HUMAN_AGENT, 0));
        assertEquals("[utterance 2 of HUMAN_AGENT: no script line]", script.line(Participant.Role.HUMAN_AGENT, 1));
        assertThrows(IllegalArgumentException.class, () -> Script.parse(List.of("customer: hello")));
    }

    private String create(String id) {
        return store.create(CreateConversationRequest.newBuilder().setParent(EmulatedCall.PARENT)
                .setConversationId(id)
                .setConversation(Conversation.newBuilder().setConversationProfile(EmulatedCall.PROFILE)).build())
                .getName();
    }
}
