package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.assist.ConversationLedger.Hold;
import io.audiohook.connector.assist.ConversationLedger.Release;

/**
 * This instance's side of the ledger, on a clock the test moves: live sessions are renewed for as long as they last,
 * what is due is claimed and completed once, and nothing is claimed after the instance stopped.
 */
class ConversationCompletionsTest {
    private static final ConversationLedger.Terms TERMS = new ConversationLedger.Terms(Duration.ofSeconds(15),
            Duration.ofMinutes(5), Duration.ofMinutes(2), 100);
    private final ManualTimers timers = new ManualTimers();
    private final LocalConversationLedger ledger = new LocalConversationLedger(TERMS,
            () -> timers.nanoTime() / 1_000_000);
    private final List<String> completed = new ArrayList<>();
    private final ConversationCompletions completions = ConversationCompletions
            .of(ledger, TERMS, timers, completed::add).start();

    @Test
    void aLiveSessionIsRenewedAndItsConversationNeverCompletedWhileItLasts() {
        completions.hold(new Hold("c1", "s1"));
        timers.advance(Duration.ofMinutes(30).toNanos());
        assertEquals(List.of(), completed, "renewed every 5 s, so never due");
        assertTrue(completions.isHeld("c1"));
    }

    @Test
    void aConversationLetGoIsCompletedOnceWhenItsGraceIsOver() {
        Hold hold = new Hold("c1", "s1");
        completions.hold(hold);
        completions.release(hold, Release.GRACE);
        assertFalse(completions.isHeld("c1"));
        timers.advance(Duration.ofMinutes(4).toNanos());
        assertEquals(List.of(), completed);
        timers.advance(Duration.ofMinutes(2).toNanos());
        assertEquals(List.of("c1"), completed);
        completions.forget("c1");
        timers.advance(Duration.ofMinutes(10).toNanos());
        assertEquals(List.of("c1"), completed, "once");
        assertEquals(1, completions.claimed());
    }

    @Test
    void theLastSessionToEndCompletesItAndNoTimerDoesItAgain() {
        Hold first = new Hold("c1", "s1");
        Hold second = new Hold("c1", "s2");
        completions.hold(first);
        completions.hold(second);
        assertFalse(completions.release(first, Release.END).toCompletableFuture().join());
        assertTrue(completions.release(second, Release.END).toCompletableFuture().join());
        completions.forget("c1");
        timers.advance(Duration.ofMinutes(10).toNanos());
        assertEquals(List.of(), completed, "the session that ended it completed it; nothing is due");
    }

    @Test
    void aStoppedInstanceClaimsNothing() {
        Hold hold = new Hold("c1", "s1");
        completions.hold(hold);
        completions.release(hold, Release.GRACE);
        completions.close();
        timers.advance(Duration.ofMinutes(10).toNanos());
        assertEquals(List.of(), completed, "another instance completes it");
    }
}
