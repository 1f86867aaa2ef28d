package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The server's own transitions and the one report of how the session ended, without messages from a client. */
class SessionLifecycleTest {
    static final long SECOND = ProtocolSessionTest.SECOND;

    final ProtocolSessionTest.Wire wire = new ProtocolSessionTest.Wire();
    final ProtocolSessionTest.Events events = new ProtocolSessionTest.Events();
    final SerializedSender sender = new SerializedSender(ProtocolSessionTest.SID, wire);
    final SessionStatistics statistics = new SessionStatistics();
    final SessionTimeouts timeouts = new SessionTimeouts(ProtocolSettings.defaults(), 0);
    final SessionLifecycle lifecycle = new SessionLifecycle(ProtocolSessionTest.SID, wire, sender,
            new GuardedHandler(ProtocolSessionTest.SID, events, statistics), timeouts);

    @Test
    void aSocketLostBeforeOpenSaysSo() {
        lifecycle.socketClosed();
        assertEquals(new SessionEnd(SessionEnd.Outcome.SOCKET_LOST, Optional.empty(), Optional.empty(),
                Optional.of("socket closed before open")), events.end);
        assertEquals(SessionState.ENDED, lifecycle.state());
        assertTrue(sender.isSealed());
    }

    @Test
    void theSessionEndsOnceHoweverOftenTheSocketCloses() {
        lifecycle.enter(SessionState.ACTIVE);
        lifecycle.socketClosed();
        lifecycle.socketClosed();
        assertEquals(List.of("ended SOCKET_LOST"), events.log);
        assertEquals(Optional.empty(), events.end.closeReason());
    }

    @Test
    void aDisconnectIsSentOnceAndReportedWithTheClientsCloseReason() {
        lifecycle.enter(SessionState.ACTIVE);
        assertTrue(lifecycle.disconnect(DisconnectReason.COMPLETED, Optional.of("done")));
        assertFalse(lifecycle.disconnect(DisconnectReason.ERROR, Optional.empty()), "at most one disconnect");
        lifecycle.violation(ProtocolViolation.BAD_SEQ);
        assertEquals(List.of("disconnect"), wire.types(), "a later violation is only logged");
        lifecycle.closing("disconnect");
        lifecycle.flushed();
        assertEquals(List.of("disconnect", "closed"), wire.types());
        lifecycle.socketClosed();
        assertEquals(new SessionEnd(SessionEnd.Outcome.DISCONNECTED, Optional.of("disconnect"),
                Optional.of(DisconnectReason.COMPLETED), Optional.of("done")), events.end);
    }

    @Test
    void aFlushThatCompletesAfterTheFlushTimeoutSendsNothingMore() {
        lifecycle.enter(SessionState.ACTIVE);
        lifecycle.closing("end");
        lifecycle.expire(SessionTimeouts.Timeout.FLUSH);
        lifecycle.flushed();
        assertEquals(List.of("closed"), wire.types());
        assertEquals(SessionState.CLOSED, lifecycle.state());
    }

    @Test
    void aClientThatLingersAfterClosedIsHungUpOnAndTheCallCountsAsClosed() {
        lifecycle.enter(SessionState.ACTIVE);
        lifecycle.closing("end");
        lifecycle.sendClosed();
        timeouts.advance(5 * SECOND);
        lifecycle.expire(SessionTimeouts.Timeout.LINGER);
        assertEquals(1000, wire.closeCode);
        assertTrue(events.end.isEndOfConversation());
    }

    @Test
    void theOpenTimeoutClosesWithPolicyViolation() {
        lifecycle.expire(SessionTimeouts.Timeout.OPEN);
        assertEquals(1008, wire.closeCode);
        assertEquals(SessionEnd.Outcome.OPEN_TIMEOUT, events.end.outcome());
        assertEquals(List.of(), wire.types(), "nothing is sent to a socket that never opened");
    }
}
