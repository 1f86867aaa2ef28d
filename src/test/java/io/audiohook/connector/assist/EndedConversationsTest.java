package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Each ended conversation is completed once: by its summary when done, or by the shutdown that cannot wait. */
class EndedConversationsTest {
    record Call(String conversation) {
    }

    final EndedConversations<Call> ended = new EndedConversations<>(Call::conversation);

    @Test
    void theSummaryTakesItsConversationOnce() {
        Call call = new Call("c1");
        ended.summarizing(call);
        assertTrue(ended.take(call));
        assertFalse(ended.take(call), "completed once");
        assertEquals(0, ended.size());
    }

    @Test
    void theShutdownWaitsAMomentThenTakesWhatIsLeftAndALateSummaryCompletesNothing() throws Exception {
        Call quick = new Call("quick");
        Call slow = new Call("slow");
        ended.summarizing(quick);
        ended.summarizing(slow);
        CompletableFuture<Boolean> quickDone = CompletableFuture.supplyAsync(() -> {
            sleep(50);
            return ended.take(quick);
        });
        long start = System.nanoTime();
        List<Call> left = ended.awaitThenTakeAll(Duration.ofMillis(400));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos(), "waited for the slow one");
        assertTrue(quickDone.get(), "the quick summary completed its own conversation");
        assertEquals(List.of(slow), left, "the slow one is completed by the shutdown");
        assertFalse(ended.take(slow), "and not again when its summary comes at last");
    }

    @Test
    void nothingUnderWayNoWait() {
        long start = System.nanoTime();
        assertEquals(List.of(), ended.awaitThenTakeAll(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
