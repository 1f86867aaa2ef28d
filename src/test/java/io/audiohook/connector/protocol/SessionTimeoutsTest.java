package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.protocol.SessionTimeouts.Timeout;

/** Each state's deadline counted from its own mark, with a clock moved by hand. */
class SessionTimeoutsTest {
    static final long SECOND = 1_000_000_000L;
    static final long START = 1_000 * SECOND;

    /** Every timeout a different length, so that a wrong one shows. */
    static final ProtocolSettings SETTINGS = new ProtocolSettings(List.of(MediaFormat.PCMU), false, List.of(), false,
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
            Duration.ofSeconds(5));

    final SessionTimeouts timeouts = new SessionTimeouts(SETTINGS, START);

    @Test
    void openIsCountedFromCreationWhateverTheClientSends() {
        timeouts.activity(START + SECOND / 2);
        timeouts.advance(START + SECOND - 1);
        assertEquals(Optional.empty(), timeouts.expired(SessionState.PREPARING));
        timeouts.advance(START + SECOND);
        assertEquals(Optional.of(Timeout.OPEN), timeouts.expired(SessionState.PREPARING), "due at the limit itself");
    }

    @Test
    void idleIsCountedFromTheLastActivityAndTicksDoNotResetIt() {
        timeouts.activity(START + 10 * SECOND);
        timeouts.advance(START + 11 * SECOND);
        assertEquals(Optional.empty(), timeouts.expired(SessionState.ACTIVE));
        timeouts.advance(START + 12 * SECOND);
        assertEquals(Optional.of(Timeout.IDLE), timeouts.expired(SessionState.ACTIVE));
        assertEquals(Optional.of(Timeout.IDLE), timeouts.expired(SessionState.PAUSED), "paused is idle too");
        timeouts.activity(START + 12 * SECOND);
        assertEquals(Optional.empty(), timeouts.expired(SessionState.ACTIVE));
    }

    @Test
    void waitingStatesAreCountedFromWhenTheyWereEntered() {
        timeouts.advance(START + 100 * SECOND);
        timeouts.stateEntered();
        timeouts.advance(START + 102 * SECOND);
        assertEquals(Optional.empty(), timeouts.expired(SessionState.CLOSING));
        timeouts.advance(START + 103 * SECOND);
        assertEquals(Optional.of(Timeout.FLUSH), timeouts.expired(SessionState.CLOSING));
        assertEquals(Optional.empty(), timeouts.expired(SessionState.DISCONNECTING));
        timeouts.advance(START + 104 * SECOND);
        assertEquals(Optional.of(Timeout.DISCONNECT), timeouts.expired(SessionState.DISCONNECTING));
        assertEquals(Optional.empty(), timeouts.expired(SessionState.CLOSED));
        timeouts.advance(START + 105 * SECOND);
        assertEquals(Optional.of(Timeout.LINGER), timeouts.expired(SessionState.CLOSED));
    }

    @Test
    void enteringAStateUsesTheLatestTimeTheSessionWasTold() {
        timeouts.activity(START + 7 * SECOND);
        timeouts.stateEntered(); // e.g. the application disconnects between two calls that bring a time
        assertEquals(START + 7 * SECOND, timeouts.nowNanos());
        timeouts.advance(START + 11 * SECOND);
        assertEquals(Optional.of(Timeout.DISCONNECT), timeouts.expired(SessionState.DISCONNECTING));
    }

    @Test
    void anEndedSessionWaitsForNothing() {
        timeouts.advance(Long.MAX_VALUE / 2);
        assertEquals(Optional.empty(), timeouts.expired(SessionState.ENDED));
    }

    @Test
    void limitsAreTheConfiguredOnes() {
        assertEquals(SETTINGS.openTimeout(), timeouts.limit(Timeout.OPEN));
        assertEquals(SETTINGS.idleTimeout(), timeouts.limit(Timeout.IDLE));
        assertEquals(SETTINGS.flushTimeout(), timeouts.limit(Timeout.FLUSH));
        assertEquals(SETTINGS.disconnectTimeout(), timeouts.limit(Timeout.DISCONNECT));
        assertEquals(SETTINGS.lingerTimeout(), timeouts.limit(Timeout.LINGER));
    }
}
