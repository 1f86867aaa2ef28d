package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    private static final Pattern WIRE = Pattern.compile("^PT(?:\\d*\\.)?\\d+S$");

    @ParameterizedTest
    @CsvSource({
            "0, PT0S",
            "1500000000, PT1.5S",
            "125000000, PT0.125S",
            "12340000000, PT12.34S",
            "1234567, PT0.001234567S",
            "1, PT0.000000001S",
            "3600000000000, PT3600S",
            "100000000, PT0.1S" })
    void formatsPlainDecimalSeconds(long nanos, String expected) {
        String formatted = Durations.format(nanos);
        assertEquals(expected, formatted);
        assertTrue(WIRE.matcher(formatted).matches(), formatted);
        assertEquals(nanos, Durations.parseNanos(formatted));
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, 0",
            "PT1.S, 1000000000",
            "PT.5S, 500000000",
            "PT0.0000000019S, 1",
            "PT007S, 7000000000",
            "PT2.000S, 2000000000" })
    void parsesLeniently(String text, long nanos) {
        assertEquals(nanos, Durations.parseNanos(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "PT", "PTS", "PT.S", "P1S", "PT1M", "PT1H2S", "PT-1S", "PT1e3S", "PT1.2.3S", "1.5",
            "PT 1S", "pt1s", "PT99999999999999999999S" })
    void rejectsGarbage(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(text));
    }

    @Test
    void convertsBetweenSamplesAndNanosAt8kHz() {
        assertEquals(1600, Durations.nanosToSamples(200_000_000L, 8000));
        assertEquals("PT0.2S", Durations.formatSamples(1600, 8000));
        assertEquals(1, Durations.nanosToSamples(125_000L, 8000));
        // four hours of audio at 8 kHz must not overflow
        long fourHours = 4L * 3600 * 1_000_000_000L;
        assertEquals(4L * 3600 * 8000, Durations.nanosToSamples(fourHours, 8000));
        assertEquals(fourHours, Durations.samplesToNanos(4L * 3600 * 8000, 8000));
    }
}
