package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.testkit.property.DurationGen;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Shrink;

/**
 * {@link Durations} against generated values and texts: rendering and parsing undo each other, agree with the test
 * client's independent implementation ({@link io.audiohook.connector.client.Durations}), and anything else is
 * refused with the documented {@link IllegalArgumentException}, its message bounded.
 */
class DurationsPropertyTest {
    /** {@code common.json#/definitions/duration}: what the server writes. */
    static final Pattern STRICT = Pattern.compile("^PT(?:\\d*\\.)?\\d+S$");
    /** What the server reads ({@code PT1.S}, {@code PT.5S} too). */
    static final Pattern LENIENT = Pattern.compile("^PT(?=\\.?\\d)\\d*(?:\\.\\d*)?S$");

    record Spelled(long nanos, String text) {
    }

    @Test
    void formatThenParseIsTheIdentity() {
        Property.forAll(DurationGen.nanos()).trials(20_000)
                .check("format writes the schema's syntax, as the test client does, and parse reads it back", nanos -> {
                    String text = Durations.format(nanos);
                    assertTrue(STRICT.matcher(text).matches(), text);
                    assertEquals(io.audiohook.connector.client.Durations.format(nanos), text);
                    assertEquals(nanos, Durations.parseNanos(text));
                    return nanos % Durations.NANOS_PER_SECOND == 0 ? "whole seconds" : "with a fraction";
                })
                .assertSeen("whole seconds", "with a fraction");
    }

    @Test
    void everySpellingOfAValueParsesToIt() {
        Gen<Spelled> spelled = DurationGen.nanos().flatMap(n -> DurationGen.spelling(n).map(t -> new Spelled(n, t)));
        Property.forAll(spelled).trials(20_000)
                .check("a value written with leading, trailing or sub-nanosecond digits parses to that value", s -> {
                    long nanos = s.nanos();
                    String text = s.text();
                    assertEquals(nanos, Durations.parseNanos(text), text);
                    assertEquals(Durations.format(nanos), Durations.format(Durations.parseNanos(text)));
                    boolean finerThanNanos = text.indexOf('.') >= 0 && text.length() - text.indexOf('.') - 2 > 9;
                    if (!finerThanNanos) {
                        assertEquals(nanos, io.audiohook.connector.client.Durations.parseNanos(text), text);
                    }
                    return finerThanNanos ? "digits finer than a nanosecond" : "exact";
                })
                .assertSeen("digits finer than a nanosecond", "exact");
    }

    @Test
    void textsOfAnySizeParseToTheirValueOrAreOutOfRange() {
        Property.forAll(DurationGen.texts()).trials(10_000)
                .check("a duration text parses to its value, or is refused as out of range beyond 2^63 - 1 ns", d -> {
                    if (d.nanos().isPresent()) {
                        assertEquals(d.nanos().get(), Durations.parseNanos(d.text()), d.text());
                        return "in range";
                    }
                    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                            () -> Durations.parseNanos(d.text()));
                    assertTrue(refused.getMessage().startsWith("duration out of range"), refused.getMessage());
                    return "out of range";
                })
                .assertSeen("in range", "out of range");
    }

    @Test
    void nearMissesAreRefusedOrReadAsTheLenientGrammarSays() {
        Property.forAll(DurationGen.nearMisses()).trials(20_000).shrinking(Shrink.text())
                .check("any text parses as the lenient grammar says or is refused with a bounded message", text -> {
                    long nanos;
                    try {
                        nanos = Durations.parseNanos(text);
                    } catch (IllegalArgumentException refused) {
                        assertTrue(refused.getMessage().length() < 140, refused.getMessage());
                        assertTrue(!Durations.isValid(text));
                        boolean lenient = LENIENT.matcher(text).matches();
                        assertTrue(!lenient || refused.getMessage().startsWith("duration out of range"), text);
                        return "refused";
                    }
                    assertTrue(LENIENT.matcher(text).matches(), text);
                    String number = text.substring(2, text.length() - 1);
                    assertEquals(new BigDecimal(number.startsWith(".") ? "0" + number : number).movePointRight(9)
                            .setScale(0, RoundingMode.DOWN).longValueExact(), nanos, text);
                    return "read";
                })
                .assertSeen("refused", "read");
    }

    @Test
    void samplePositionsAt8kHzRoundTrip() {
        Property.forAll(Gen.longs(0, Long.MAX_VALUE / 125_000)).trials(20_000)
                .check("a sample count at 8 kHz survives nanoseconds and text exactly", samples -> {
                    assertEquals(samples, Durations.toSamples(Durations.toNanos(samples, 8000), 8000));
                    assertEquals(samples, Durations.parseSamples(Durations.formatSamples(samples, 8000), 8000));
                    return null;
                });
    }
}
