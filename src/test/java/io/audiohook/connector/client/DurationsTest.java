package io.audiohook.connector.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsPlainDecimalSecondsWithoutTrailingZeros() {
        assertEquals("PT0S", Durations.format(0));
        assertEquals("PT1.2S", Durations.format(1_200_000_000L));
        assertEquals("PT10S", Durations.format(10_000_000_000L)); // not PT1E+1S
        assertEquals("PT3600S", Durations.format(3_600_000_000_000L));
        assertEquals("PT0.000125S", Durations.format(125_000L));
        assertEquals("PT0.000000001S", Durations.format(1L)); // not PT1E-9S
        assertEquals("PT0.2S", Durations.formatSamples(1600));
        assertEquals("PT11.009S", Durations.formatSamples(88_072));
    }

    @Test
    void rejectsNegativeDurations() {
        assertThrows(IllegalArgumentException.class, () -> Durations.format(-1));
    }

    @Test
    void parsesLeniently() {
        assertEquals(0, Durations.parseNanos("PT0S"));
        assertEquals(1_500_000_000L, Durations.parseNanos("PT1.5S"));
        assertEquals(1_000_000_000L, Durations.parseNanos("PT1.S"));
        assertEquals(500_000_000L, Durations.parseNanos("PT.5S"));
        assertEquals(4_182_000L, Durations.parseNanos("PT0.004182S"));
        for (String bad : new String[] {"PT1M", "1.5", "PTS", "PT.S", "PT-1S", "PT1E3S", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(bad), bad);
        }
    }

    @Test
    void formatAndParseRoundTrip() {
        for (long nanos : new long[] {0, 1, 125_000, 200_000_000, 1_234_567_891_234L}) {
            assertEquals(nanos, Durations.parseNanos(Durations.format(nanos)));
        }
    }
}
