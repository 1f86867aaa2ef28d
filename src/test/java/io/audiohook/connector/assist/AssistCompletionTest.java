package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.eventually;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.testkit.TestCalls.sleep;
import static io.audiohook.connector.assist.AssistTesting.speechFrames;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;


import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.emulator.ConversationStats;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Only {@code close} with reason {@code end} completes the conversation at once; every other ending leaves it
 * open for the grace (2 s in the test profile), within which a new session continues it.
 */
@QuarkusTest
class AssistCompletionTest extends AssistCallTesting {

    AssistCall startCall(String conversationId) {
        AudioHookClient client = connect(call(endpoint).conversationId(conversationId));
        await(client.open());
        for (byte[] frame : speechFrames(200, 1000)) {
            await(client.sendAudio(frame));
        }
        AssistCall call = assistCall(client);
        AssistTesting.awaitReady(client, call);
        sessions.add(client);
        return call;
    }

    private final List<AudioHookClient> sessions = new java.util.ArrayList<>();

    AudioHookClient lastClient() {
        return sessions.get(sessions.size() - 1);
    }

    ConversationStats conversation(AssistCall call) {
        return emulator.conversation(call.conversationName()).orElseThrow();
    }

    @Test
    void theConversationIsCompletedWhenClosedGoesOutEvenIfTheClientLingers() {
        AudioHookClient client = connect(call(endpoint).conversationId(newConversationId()).autoRespond(false));
        await(client.open());
        for (byte[] frame : speechFrames(200, 1000)) {
            await(client.sendAudio(frame));
        }
        AssistCall call = assistCall(client);
        AssistTesting.awaitReady(client, call);
        await(client.close("end"));
        long closed = System.nanoTime();
        eventually("completed after closed", () -> conversation(call).state() == Conversation.LifecycleState.COMPLETED);
        long took = (System.nanoTime() - closed) / 1_000_000;
        assertTrue(took < 2000, "completion follows the close transaction, not the socket: " + took + " ms");
        assertTrue(!client.closeFuture().isDone(), "the client still holds its socket open");
        eventually("FINISHED published", () -> events.events(call.conversationName(), ConversationLifecycle.class)
                .stream().anyMatch(e -> e.type() == ConversationEvent.Type.CONVERSATION_FINISHED));
        // a client that lingers after closed has its socket closed by the server
        client.awaitClose(Duration.ofSeconds(10));
        assertEquals(1, conversation(call).completions(), "completed once");
    }

    @Test
    void socketLossLeavesTheConversationOpenForTheGrace() {
        endingThatKeepsTheConversationOpen(AudioHookClient::abort);
    }

    @Test
    void closeWithAnotherReasonLeavesTheConversationOpenForTheGrace() {
        endingThatKeepsTheConversationOpen(client -> await(client.close("error")));
    }

    @Test
    void disconnectLeavesTheConversationOpenForTheGrace() {
        endingThatKeepsTheConversationOpen(client -> await(client.close("disconnect")));
    }

    private void endingThatKeepsTheConversationOpen(Consumer<AudioHookClient> ending) {
        AssistCall call = startCall(newConversationId());
        long ended = System.nanoTime();
        ending.accept(lastClient());
        eventually("let go of", () -> !factory().isHeldHere(call.conversationName()));
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, conversation(call).state());
        assertEquals(0, conversation(call).completions());
        eventually("completed after the grace", () -> conversation(call).state() == Conversation.LifecycleState.COMPLETED);
        long waited = (System.nanoTime() - ended) / 1_000_000;
        assertTrue(waited >= 1900, "completed after " + waited + " ms, before the 2 s grace");
        eventually("finished event", () -> lifecycle(call).contains(ConversationEvent.Type.CONVERSATION_FINISHED));
        assertEquals(1, conversation(call).completions());
    }

    @Test
    void aSecondSessionWithinTheGraceContinuesTheConversation() {
        String conversationId = newConversationId();
        long created = emulator.conversationsCreated();
        AssistCall first = startCall(conversationId);
        lastClient().abort();
        eventually("let go of", () -> !factory().isHeldHere(first.conversationName()));

        AssistCall second = startCall(conversationId);
        assertEquals(first.conversationName(), second.conversationName());
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            assertEquals(first.participantName(role), second.participantName(role), role + " is the same participant");
        }
        AssistTesting.idle(lastClient(), Duration.ofMillis(2500)); // beyond the first session's grace
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, conversation(second).state(), "the grace was cancelled");
        assertEquals(2, conversation(second).participants().size());
        assertEquals(created + 1, emulator.conversationsCreated());

        await(lastClient().close("end"));
        eventually("completed", () -> conversation(second).state() == Conversation.LifecycleState.COMPLETED);
        eventually("finished event", () -> lifecycle(second).contains(ConversationEvent.Type.CONVERSATION_FINISHED));
        assertEquals(List.of(ConversationEvent.Type.CONVERSATION_STARTED, ConversationEvent.Type.CONVERSATION_FINISHED),
                lifecycle(second), "started once, finished once");
        assertEquals(1, conversation(second).completions());
    }

    @Test
    void aSessionForACompletedConversationStreamsNothing() {
        String conversationId = newConversationId();
        AssistCall first = startCall(conversationId);
        await(lastClient().close("end"));
        eventually("completed", () -> conversation(first).state() == Conversation.LifecycleState.COMPLETED);
        long streams = emulator.streamsOpened();

        AssistCall again = startCall(conversationId);
        assertEquals("STOPPED", again.state(Participant.Role.END_USER).orElseThrow());
        assertEquals(streams, emulator.streamsOpened(), "no stream into a completed conversation");
        await(lastClient().close("end"));
        sleep(Duration.ofMillis(300));
        assertEquals(1, conversation(first).completions(), "not completed twice");
    }

    private List<ConversationEvent.Type> lifecycle(AssistCall call) {
        return events.events(call.conversationName(), ConversationLifecycle.class).stream()
                .map(ConversationLifecycle::type).toList();
    }
}
