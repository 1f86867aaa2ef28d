package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConsoleMessagesTest {

    @Test
    void anInstancesAnnouncementIsReadBackAsItsCalls() {
        CallSummary call = new CallSummary("s1", "c1", "rev-1-abc", "active", "monitor", 10, 2000, "PCMU 8000 Hz",
                List.of("external", "internal"), Arrays.asList(-20.5, null), 3,
                Map.of("END_USER", new CallSummary.Stream("streaming", 1, 0, 0)), "waiting", null, 0);

        assertEquals(List.of(call), ConsoleMessages.announced(ConsoleMessages.announcement(List.of(call))));
    }

    @Test
    void anAnnouncementThatCannotBeReadIsNoCalls() {
        assertTrue(ConsoleMessages.announced("{\"not\":\"a list\"}").isEmpty());
        assertTrue(ConsoleMessages.announced("[{\"sessionId\":").isEmpty());
    }

    @Test
    void theCallsMessageSaysWhoSendsItAndHowManyWatch() {
        assertEquals("{\"type\":\"calls\",\"instance\":\"i1\",\"viewers\":2,\"calls\":[]}",
                ConsoleMessages.calls("i1", List.of(), 2));
        assertEquals("{\"type\":\"resync\"}", ConsoleMessages.resync());
    }
}
