package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.audio.MuLaw;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.ChannelAudio;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.SessionEnd;

class ConsoleCallsTest {
    private final ConsoleFixtures fixtures = new ConsoleFixtures(20);
    private final ConsoleBoard board = fixtures.board;
    private final ConsoleCalls calls = new ConsoleCalls(board);

    @Test
    void theProtocolsEventsGoOnTheTimeLineAndSetTheState() {
        CallListener listener = calls.create(ConsoleFixtures.call("s1", "c1"), null);
        BoardCall call = board.call("s1").orElseThrow();

        listener.paused(8000);
        assertEquals("paused", call.state());
        listener.resumed(16000);
        assertEquals("active", call.state());
        listener.discarded(1600, 17600);
        listener.languageChanged("es-US", 18000);
        listener.closing("end");
        assertEquals("closing", call.state());
        listener.closed("end");
        listener.ended(new SessionEnd(SessionEnd.Outcome.CLOSED, Optional.of("end"), Optional.empty(),
                Optional.empty()));

        assertEquals(List.of("open: PCMU 2 channel(s), monitor", "paused", "resumed",
                "discarded: 200 ms of audio the client dropped", "update: language es-US", "close: reason end",
                "closed", "ended: closed (end)"), call.timeline().stream()
                        .map(e -> e.text() + (e.detail() == null ? "" : ": " + e.detail())).toList());
        assertTrue(board.live().isEmpty());
        assertEquals(List.of(call), board.ended());
        assertEquals("closed (end)", call.outcome());
    }

    @Test
    void aDisconnectIsTheOutcomeWithItsReason() {
        CallListener listener = calls.create(ConsoleFixtures.call("s1", "c1"), null);

        listener.ended(new SessionEnd(SessionEnd.Outcome.DISCONNECTED, Optional.empty(),
                Optional.of(DisconnectReason.ERROR), Optional.of("not said to viewers")));

        assertEquals("disconnected (error)", board.call("s1").orElseThrow().outcome());
    }

    @Test
    void audioLevelsAreMeasuredOnlyWhileSomeoneWatches() {
        CallListener listener = calls.create(ConsoleFixtures.call("s1", "c1"), null);
        BoardCall call = board.call("s1").orElseThrow();
        byte[] loud = new byte[160];
        java.util.Arrays.fill(loud, MuLaw.encode((short) 16384));

        listener.audio(new ChannelAudio(Channel.INTERNAL, 1, SampleFormat.PCMU, loud, 0));
        assertEquals(Double.NEGATIVE_INFINITY, call.level(1));

        board.viewers().join(Optional.empty());
        listener.audio(new ChannelAudio(Channel.INTERNAL, 1, SampleFormat.PCMU, loud, 160));

        assertEquals(-6.0, call.level(1), 0.2);
        assertEquals(Double.NEGATIVE_INFINITY, call.level(0));

        // a few times a second, not every frame: the next frame within the interval is not measured
        listener.audio(new ChannelAudio(Channel.INTERNAL, 1, SampleFormat.PCMU, new byte[160], 320));
        assertEquals(-6.0, call.level(1), 0.2);
        fixtures.clock.addAndGet(ConsoleCalls.LEVEL_INTERVAL_MILLIS);
        byte[] quiet = new byte[160];
        java.util.Arrays.fill(quiet, MuLaw.encode((short) 1638));
        listener.audio(new ChannelAudio(Channel.INTERNAL, 1, SampleFormat.PCMU, quiet, 480));
        assertEquals(-26.0, call.level(1), 0.3);
    }
}
