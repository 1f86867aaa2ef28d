package io.audiohook.connector.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A flood of refusals writes a bounded number of lines: the first of each window, then one line for the rest. */
class RefusalLogTest {
    static final long WINDOW = RefusalLog.WINDOW.toNanos();

    @Test
    void theFirstRefusalsOfAWindowGetALineAndTheRestOneSummaryWhenItEnds() {
        RefusalLog log = new RefusalLog(0);
        for (int i = 0; i < RefusalLog.LINES_PER_WINDOW; i++) {
            assertTrue(log.admit("failed", i));
        }
        assertFalse(log.summaryPending());
        for (int i = 0; i < 1000; i++) {
            assertFalse(log.admit(i % 4 == 0 ? "expired" : "failed", 100 + i));
        }
        assertTrue(log.summaryPending());
        assertEquals(Duration.ofNanos(WINDOW - 5000), log.untilSummary(5000));
        assertEquals(Optional.empty(), log.summary(WINDOW - 1), "not before the window is over");
        String summary = log.summary(WINDOW).orElseThrow();
        assertEquals("1000 more upgrades refused in 10 s without a line each {expired=250, failed=750}; all are "
                + "counted in audiohook_upgrades_refused_total", summary);
        assertFalse(log.summaryPending());
        assertEquals(Optional.empty(), log.summary(3 * WINDOW), "said once");
        assertTrue(log.admit("failed", WINDOW + 1), "a new window, new lines");
    }

    @Test
    void aQuietWindowStartsAfreshWithoutASummary() {
        RefusalLog log = new RefusalLog(0);
        for (int i = 0; i < RefusalLog.LINES_PER_WINDOW; i++) {
            log.admit("failed", 0);
        }
        assertTrue(log.admit("failed", WINDOW), "the next window has its lines again");
        assertFalse(log.summaryPending());
        assertEquals(Optional.empty(), log.summary(2 * WINDOW));
    }
}
