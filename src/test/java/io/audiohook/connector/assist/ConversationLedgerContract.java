package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.assist.ConversationLedger.Held;
import io.audiohook.connector.assist.ConversationLedger.Hold;
import io.audiohook.connector.assist.ConversationLedger.Release;

/**
 * The rules every conversation ledger keeps, whether in one instance's memory or shared through Redis: a
 * conversation is claimed for completion once, only when nobody holds it and its grace is over, also when its holder
 * vanished without a word; a session that ends it completes it only when it was the last to hold it.
 * {@link #one()} and {@link #other()} stand for two instances (the same ledger where there is only one).
 */
public abstract class ConversationLedgerContract {
    /** Short, so that a ledger on Redis' own clock is tested in real time. */
    public static final ConversationLedger.Terms TERMS = new ConversationLedger.Terms(Duration.ofMillis(300),
            Duration.ofMillis(400), Duration.ofMillis(500), 5);

    protected abstract ConversationLedger one();

    protected abstract ConversationLedger other();

    /** Lets time pass by this much (a clock the test moves, or real time). */
    protected abstract void pass(Duration time);

    /** Forgets everything, so that each test starts from an empty ledger. */
    protected abstract void clear();

    private final String conversation = "projects/p/locations/global/conversations/c-" + UUID.randomUUID();

    private static <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Hold session(String id) {
        return new Hold(conversation, id);
    }

    private List<String> claimed(ConversationLedger ledger) {
        return get(ledger.claimDue(100)).stream().filter(conversation::equals).toList();
    }

    @Test
    void aConversationLetGoIsClaimedOnceAfterItsGraceAndForgotten() {
        clear();
        assertEquals(Held.FRESH, get(one().hold(session("s1"))));
        assertFalse(get(one().release(session("s1"), Release.GRACE)));
        pass(Duration.ofMillis(200));
        assertEquals(List.of(), claimed(other()), "not before its grace is over");
        pass(Duration.ofMillis(300));
        assertEquals(List.of(conversation), claimed(other()));
        assertEquals(List.of(), claimed(one()), "claimed once: the claim stands for its time");
        get(other().forget(conversation));
        pass(Duration.ofMillis(600));
        assertEquals(List.of(), claimed(one()), "forgotten after its completion");
    }

    @Test
    void aSessionWithinTheGraceContinuesTheConversationAndNobodyCompletesIt() {
        clear();
        get(one().hold(session("s1")));
        get(one().release(session("s1"), Release.GRACE));
        pass(Duration.ofMillis(200));
        assertEquals(Held.CONTINUED, get(other().hold(session("s2"))), "the reconnect, maybe on another instance");
        for (int i = 0; i < 5; i++) { // well past lease and grace, renewed all along
            pass(Duration.ofMillis(150));
            get(other().renew(List.of(session("s2"))));
            assertEquals(List.of(), claimed(one()));
        }
    }

    @Test
    void endOfConversationCompletesOnlyWhenNoOtherSessionHoldsIt() {
        clear();
        get(one().hold(session("s1")));
        assertEquals(Held.FRESH, get(other().hold(session("s2"))), "a second session holds it too");
        assertFalse(get(one().release(session("s1"), Release.END)), "another session still streams into it");
        assertTrue(get(other().release(session("s2"), Release.END)), "the last to let go completes it");
        pass(Duration.ofMillis(450));
        assertEquals(List.of(), claimed(one()), "claimed by the session that ends it, for the claim's time");
        get(other().forget(conversation));
        pass(Duration.ofMillis(600));
        assertEquals(List.of(), claimed(one()));
    }

    @Test
    void endedByOneWhileAnotherHoldsItThenTheOtherVanishes() {
        clear();
        get(one().hold(session("s1")));
        get(other().hold(session("s2")));
        assertFalse(get(one().release(session("s1"), Release.END)));
        // the other instance is killed: s2 is never renewed nor released
        pass(Duration.ofMillis(400));
        assertEquals(List.of(), claimed(one()), "its lease ran out, but its grace is not over");
        pass(Duration.ofMillis(500));
        assertEquals(List.of(conversation), claimed(one()), "completed once after its holder's lease and grace");
    }

    @Test
    void aHolderKilledWithoutAWordHasItsConversationCompletedByAnother() {
        clear();
        get(one().hold(session("s1")));
        get(one().renew(List.of(session("s1"))));
        pass(Duration.ofMillis(500));
        assertEquals(List.of(), claimed(other()), "the lease lapsed, the grace runs");
        pass(Duration.ofMillis(300));
        assertEquals(List.of(conversation), claimed(other()));
    }

    @Test
    void aClaimThatIsNotForgottenLapsesAndTheConversationIsClaimedAgain() {
        clear();
        get(one().hold(session("s1")));
        get(one().release(session("s1"), Release.GRACE));
        pass(Duration.ofMillis(450));
        assertEquals(List.of(conversation), claimed(one()));
        // the claimer died before it completed the conversation
        pass(Duration.ofMillis(250));
        assertEquals(List.of(), claimed(other()));
        pass(Duration.ofMillis(300));
        assertEquals(List.of(conversation), claimed(other()));
    }

    @Test
    void anEndDecidedLateDoesNotCompleteAConversationAnotherInstanceClaimed() {
        clear();
        get(one().hold(session("s1")));
        // the ledger could not be reached for a while: the lease lapsed, the grace passed, another claimed it
        pass(Duration.ofMillis(800));
        assertEquals(List.of(conversation), claimed(other()));
        assertFalse(get(one().release(session("s1"), Release.END)), "the claimer completes it, not the late end");
    }

    @Test
    void anAbandonedHoldLeavesNothingToComplete() {
        clear();
        get(one().hold(session("s1")));
        get(one().release(session("s1"), Release.ABANDON));
        get(one().forget(conversation)); // what the claim of a never-created conversation ends in
        pass(Duration.ofMillis(800));
        assertEquals(List.of(), claimed(other()));
    }

    @Test
    void concurrentClaimersEachGetADifferentConversation() throws Exception {
        clear();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Hold hold = new Hold(conversation + "-" + i, "s" + i);
            names.add(hold.conversation());
            get(one().hold(hold));
            get(one().release(hold, Release.GRACE));
        }
        pass(Duration.ofMillis(450));
        List<CompletionStage<List<String>>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add((i % 2 == 0 ? one() : other()).claimDue(2));
        }
        List<String> all = new ArrayList<>();
        for (CompletionStage<List<String>> claim : claims) {
            all.addAll(get(claim).stream().filter(names::contains).toList());
        }
        assertEquals(5, all.size(), "each claimed once: " + all);
        assertEquals(5, all.stream().distinct().count());
    }

    @Test
    void beyondItsCapacityAConversationIsOnlyCompletedByTheSessionThatEndsIt() {
        clear();
        for (int i = 0; i < TERMS.capacity(); i++) {
            get(one().hold(new Hold(conversation + "-" + i, "s" + i)));
        }
        assertEquals(Held.UNTRACKED, get(one().hold(session("late"))));
        assertTrue(get(one().release(session("late"), Release.END)), "its end still completes it");
    }
}
