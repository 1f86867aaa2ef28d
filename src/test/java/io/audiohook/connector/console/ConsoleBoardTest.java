package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConsoleBoardTest {
    private final ConsoleFixtures fixtures = new ConsoleFixtures();
    private final ConsoleBoard board = fixtures.board;

    @Test
    void aStartedCallIsLiveWithItsOpenOnTheTimeLine() {
        BoardCall call = board.started(ConsoleFixtures.call("s1", "c1"));

        assertEquals(List.of(call), board.live());
        assertEquals(Optional.of(call), board.call("s1"));
        assertEquals(Optional.of(call), board.ofConversation("c1"));
        assertEquals(List.of(new TimelineEntry(fixtures.clock.get(), "protocol", null, "open",
                "PCMU 2 channel(s), monitor")), call.timeline());
    }

    @Test
    void theTimeLineKeepsTheNewestEntriesOnly() {
        BoardCall call = board.started(ConsoleFixtures.call("s1", "c1"));
        for (int i = 1; i <= 5; i++) {
            board.record(call, new TimelineEntry(i, "transcript", "END_USER", "line " + i, null));
        }

        assertEquals(List.of("line 2", "line 3", "line 4", "line 5"),
                call.timeline().stream().map(TimelineEntry::text).toList());
    }

    @Test
    void aFinalLineReplacesWhatTheParticipantWasSaying() {
        BoardCall call = board.started(ConsoleFixtures.call("s1", "c1"));
        board.interim(call, "END_USER", "I lost my");
        board.interim(call, "HUMAN_AGENT", "Hello");
        board.interim(call, "END_USER", "I lost my card");
        assertEquals(List.of(new BoardCall.Interim("END_USER", "I lost my card"),
                new BoardCall.Interim("HUMAN_AGENT", "Hello")), call.interim());

        board.record(call, new TimelineEntry(1, "transcript", "END_USER", "I lost my card.", null));

        assertEquals(List.of(new BoardCall.Interim("HUMAN_AGENT", "Hello")), call.interim());
    }

    @Test
    void endedCallsStayForAWhileTheNewestFirstAndBounded() {
        for (String s : List.of("s1", "s2", "s3")) {
            board.ended(board.started(ConsoleFixtures.call(s, "c-" + s)), "closed (end)");
            fixtures.clock.addAndGet(1000);
        }

        assertTrue(board.live().isEmpty());
        assertEquals(board.call("s3"), board.ofConversation("c-s3"), "its summary comes after the session ended");
        assertEquals(List.of("s3", "s2"), sessions(board.ended()));
        BoardCall last = board.call("s3").orElseThrow();
        assertTrue(last.isEnded());
        assertEquals("ended", last.state());
        assertEquals("closed (end)", last.outcome());

        fixtures.clock.addAndGet(fixtures.settings.endedKeep().toMillis() - 1500);
        assertEquals(List.of("s3"), sessions(board.ended()));
        fixtures.clock.addAndGet(1000);
        assertTrue(board.ended().isEmpty());
        assertTrue(board.call("s3").isEmpty());
        assertTrue(board.ofConversation("c-s3").isEmpty());
    }

    @Test
    void aCallsEventsAreRenderedOnlyForItsViewers() {
        BoardCall call = board.started(ConsoleFixtures.call("s1", "c1"));
        Viewer watching = board.viewers().join(Optional.of("s1")).orElseThrow();
        Viewer elsewhere = board.viewers().join(Optional.of("s2")).orElseThrow();

        board.record(call, new TimelineEntry(7, "transcript", "HUMAN_AGENT", "How can I help?", null));
        board.interim(call, "END_USER", "My card");

        assertEquals(List.of(
                "{\"type\":\"entry\",\"session\":\"s1\",\"entry\":{\"atMillis\":7,\"kind\":\"transcript\","
                        + "\"role\":\"HUMAN_AGENT\",\"text\":\"How can I help?\",\"detail\":null}}",
                "{\"type\":\"interim\",\"session\":\"s1\",\"role\":\"END_USER\",\"text\":\"My card\"}"),
                watching.drain(10));
        assertTrue(elsewhere.drain(10).isEmpty());
    }

    @Test
    void nobodyWatchingMeansNothingIsRendered() {
        board.started(ConsoleFixtures.call("s1", "c1"));

        assertFalse(board.watched());
        assertFalse(board.viewers().watching("s1"));
    }

    private static List<String> sessions(List<BoardCall> calls) {
        return calls.stream().map(c -> c.info().sessionId()).toList();
    }
}
