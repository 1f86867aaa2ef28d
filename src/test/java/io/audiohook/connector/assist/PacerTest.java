package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacerTest {
    static final long MS = 1_000_000L;

    @Test
    void aBurstGoesAtOnceThenTheRateHolds() {
        Pacer pacer = new Pacer(8000, 2.0, 4000, 0);
        assertEquals(0, pacer.waitNanos(4000, 0));
        pacer.take(4000);
        long wait = pacer.waitNanos(800, 0);
        assertEquals(50 * MS + 1, wait, "800 bytes at 16 000 bytes/s");
        assertEquals(0, pacer.waitNanos(800, 50 * MS + 1));
    }

    @Test
    void theBucketNeverHoldsMoreThanItsBurst() {
        Pacer pacer = new Pacer(8000, 2.0, 4000, 0);
        pacer.take(4000);
        assertTrue(pacer.waitNanos(4000, 60_000 * MS) == 0);
        pacer.take(4000);
        assertTrue(pacer.waitNanos(800, 60_000 * MS) > 0, "an hour idle does not buy a bigger burst");
    }

    @Test
    void realTimeIsTheSlowestRate() {
        Pacer pacer = new Pacer(8000, 2.0, 800, 0);
        pacer.setRate(1.0);
        pacer.take(800);
        assertEquals(100 * MS + 1, pacer.waitNanos(800, 0));
        assertEquals(1000 * MS, pacer.drainNanos(8000));
        assertThrows(IllegalArgumentException.class, () -> pacer.setRate(0.9));
    }
}
