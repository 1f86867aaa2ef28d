package io.audiohook.connector.assist;

import static io.audiohook.connector.assist.AssistTesting.await;
import static io.audiohook.connector.assist.AssistTesting.eventually;
import static io.audiohook.connector.assist.AssistTesting.newConversationId;
import static io.audiohook.connector.assist.AssistTesting.speechFrames;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static io.audiohook.connector.testkit.TestCalls.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Conversation;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.emulator.ConversationStats;
import io.audiohook.connector.testkit.RedisServerResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Completion decided by the ledger in Redis (the test profile publishes there, so the ledger is shared): a
 * {@code close end} completes a conversation only when no other session still holds it, and while Redis is away the
 * decision waits (a lease at most: 2 s here) instead of being made twice or lost.
 */
@QuarkusTest
class SharedCompletionTest extends AssistCallTesting {

    private AudioHookClient streaming(String conversationId) {
        AudioHookClient client = connect(call(endpoint).conversationId(conversationId));
        await(client.open());
        for (byte[] frame : speechFrames(200, 1000)) {
            await(client.sendAudio(frame));
        }
        AssistTesting.awaitReady(client, assistCall(client));
        return client;
    }

    /** The conversation as the emulator holds it, by the Dialogflow name of a session's call. */
    private ConversationStats conversation(AudioHookClient session) {
        return emulator.conversation(assistCall(session).conversationName()).orElseThrow();
    }

    @Test
    void anEndWhileAnotherSessionStillStreamsLeavesTheConversationToIt() {
        String conversationId = newConversationId();
        AudioHookClient first = streaming(conversationId);
        AudioHookClient second = streaming(conversationId);
        await(first.close("end"));
        sleep(Duration.ofMillis(800));
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, conversation(second).state(),
                "the second session still streams into it");
        assertEquals(0, conversation(second).completions());
        for (byte[] frame : speechFrames(200, 1000)) {
            await(second.sendAudio(frame));
        }
        await(second.close("end"));
        eventually("completed by the last session", () -> conversation(second).state()
                == Conversation.LifecycleState.COMPLETED);
        sleep(Duration.ofMillis(500));
        assertEquals(1, conversation(second).completions(), "completed once");
    }

    @Test
    void anEndWhileRedisIsAwayIsDecidedOnceItIsBack() {
        String conversationId = newConversationId();
        AudioHookClient client = streaming(conversationId);
        RedisServerResource.stop(redisPort);
        try {
            await(client.close("end"));
            sleep(Duration.ofMillis(700));
            assertEquals(0, conversation(client).completions(), "no decision without the ledger");
        } finally {
            RedisServerResource.restart(redisPort);
        }
        eventually("completed once the ledger answers", () -> conversation(client).state()
                == Conversation.LifecycleState.COMPLETED);
        sleep(Duration.ofMillis(500));
        assertEquals(1, conversation(client).completions());
    }

    @Test
    void anEndWhileRedisIsAwayLongerThanALeaseIsStillDecidedOnce() {
        String conversationId = newConversationId();
        AudioHookClient client = streaming(conversationId);
        long failures = factory().ledgerFailures();
        RedisServerResource.stop(redisPort);
        try {
            await(client.close("end"));
            sleep(Duration.ofMillis(3000)); // beyond the 2 s lease: the decision keeps waiting for the ledger
            assertTrue(factory().ledgerFailures() > failures, "the ledger was asked and failed");
            assertEquals(0, conversation(client).completions());
        } finally {
            RedisServerResource.restart(redisPort); // an empty Redis: the end is decided on what is left, nothing
        }
        eventually("completed once the ledger answers", () -> conversation(client).state()
                == Conversation.LifecycleState.COMPLETED);
        sleep(Duration.ofMillis(500));
        assertEquals(1, conversation(client).completions());
        assertEquals(0, factory().ledgerGivenUp());
    }
}
