package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    /** The validator regex the reference implementation applies to every duration it receives. */
    private static final Pattern WIRE = Pattern.compile("^PT(?:\\d*\\.)?\\d+S$");

    @ParameterizedTest
    @CsvSource({
        "PT0S, 0",
        "PT1S, 1000000000",
        "PT1.5S, 1500000000",
        "PT.5S, 500000000",
        "PT1.S, 1000000000",
        "PT0.S, 0",
        "PT0.125S, 125000000",
        "PT12.34S, 12340000000",
        "PT0.001234567S, 1234567",
        "PT0.000000001S, 1",
        "PT0.0000000019S, 1",
        "PT1.23456789999999999999999S, 1234567899",
        "PT007S, 7000000000",
        "PT3600S, 3600000000000",
        "PT9223372036.854775807S, 9223372036854775807",
    })
    void parses(String text, long nanos) {
        assertEquals(nanos, Durations.parseNanos(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "P", "PT", "PTS", "PT.S", "PT..5S", "PT1..5S", "PT1.5.S", "PT-1S", "PT+1S", "PT1e3S", "PT1E3S",
        "PT1M", "PT1M2S", "PT1H", "P1D", "P1DT1S", "pt1s", "PT1s", "1.5", "PT1.5", "T1.5S", " PT1S",
        "PT1S ", "PT 1S", "PT1,5S", "PT0x10S", "PT١S", "PT9223372036.854775808S", "PT9223372037S",
        "PT99999999999999999999S",
    })
    void rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(text));
    }

    @Test
    void rejectionMessageIsBounded() {
        String huge = "PT" + "x".repeat(10_000) + "S";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(huge));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void veryLongFractionIsTruncatedNotRejected() {
        String text = "PT2." + "9".repeat(5000) + "S";
        assertEquals(2_999_999_999L, Durations.parseNanos(text));
    }

    @ParameterizedTest
    @CsvSource({
        "0, PT0S",
        "1, PT0.000000001S",
        "1000000000, PT1S",
        "1500000000, PT1.5S",
        "125000000, PT0.125S",
        "12340000000, PT12.34S",
        "1234567, PT0.001234567S",
        "100000000, PT0.1S",
        "10000000000, PT10S",
        "3600000000000, PT3600S",
        "9223372036854775807, PT9223372036.854775807S",
    })
    void formats(long nanos, String text) {
        String formatted = Durations.format(nanos);
        assertEquals(text, formatted);
        assertTrue(WIRE.matcher(formatted).matches(), formatted);
    }

    @Test
    void formatRejectsNegative() {
        assertThrows(IllegalArgumentException.class, () -> Durations.format(-1));
    }

    @Test
    void formatThenParseRoundTripsAndMatchesWireRegex() {
        long[] samples = {1, 7, 10, 100, 999, 1_000_000, 123_456_789, 999_999_999, 1_000_000_001};
        for (long base : samples) {
            for (long scale : new long[] {1, 1_000, 1_000_000, 1_000_000_000L}) {
                long nanos = base * scale;
                String text = Durations.format(nanos);
                assertTrue(WIRE.matcher(text).matches(), text);
                assertEquals(nanos, Durations.parseNanos(text), text);
            }
        }
    }

    @Test
    void everySamplePositionOfAMinuteFormatsExactly() {
        for (long s = 0; s < 8000 * 60; s++) {
            String text = Durations.formatSamples(s, 8000);
            assertEquals(s, Durations.parseSamples(text, 8000), text);
        }
        assertEquals("PT0.000125S", Durations.formatSamples(1, 8000));
        assertEquals("PT0.2S", Durations.formatSamples(1600, 8000));
        assertTrue(WIRE.matcher(Durations.formatSamples(1, 8000)).matches());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 8000, 0",
        "125000, 8000, 1",
        "62500, 8000, 1",
        "62499, 8000, 0",
        "187499, 8000, 1",
        "187500, 8000, 2",
        "200000000, 8000, 1600",
        "1000000000, 8000, 8000",
        "1000000000, 44100, 44100",
        "22675, 44100, 1",
        "9223372036854775807, 8000, 73786976294838",
    })
    void toSamplesRoundsToNearest(long nanos, int rate, long samples) {
        assertEquals(samples, Durations.toSamples(nanos, rate));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 8000, 0",
        "1, 8000, 125000",
        "1600, 8000, 200000000",
        "8001, 8000, 1000125000",
        "1, 44100, 22676",
        "3, 7, 428571429",
    })
    void toNanosRoundsToNearest(long samples, int rate, long nanos) {
        assertEquals(nanos, Durations.toNanos(samples, rate));
    }

    @Test
    void conversionsRejectBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Durations.toSamples(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Durations.toSamples(-1, 8000));
        assertThrows(IllegalArgumentException.class, () -> Durations.toNanos(-1, 8000));
        assertThrows(IllegalArgumentException.class, () -> Durations.formatSamples(1, -8000));
        assertThrows(ArithmeticException.class, () -> Durations.toNanos(Long.MAX_VALUE, 8000));
    }
}
