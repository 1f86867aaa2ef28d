package io.audiohook.connector.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BareItemParserTest {

    @Test
    void integersUpToFifteenDigits() {
        assertEquals(42L, item("42"));
        assertEquals(-7L, item("-7"));
        assertEquals(999_999_999_999_999L, item("999999999999999"));
        assertRefused("1234567890123456", "integer too long");
    }

    @Test
    void decimalsUpToTwelveAndThreeDigits() {
        assertEquals(new BigDecimal("1.5"), item("1.5"));
        assertEquals(new BigDecimal("-123456789012.123"), item("-123456789012.123"));
        assertRefused("1234567890123.1", "decimal too long");
        assertRefused("1.1234", "bad decimal fraction");
        assertRefused("1.", "bad decimal fraction");
        assertRefused("-", "expected a digit");
    }

    @Test
    void stringsUnescapeQuoteAndBackslashOnly() {
        assertEquals("say \"hi\" \\ bye", item("\"say \\\"hi\\\" \\\\ bye\""));
        assertEquals("", item("\"\""));
        assertRefused("\"a\\nb\"", "bad escape in string");
        assertRefused("\"tab\there\"", "non-printable character in string");
        assertRefused("\"open", "unterminated string");
        assertRefused("\"ends in \\", "unterminated string");
    }

    @Test
    void tokensMayHoldColonsAndSlashes() {
        assertEquals(new StructuredFields.Token("hmac-sha256"), item("hmac-sha256"));
        assertEquals(new StructuredFields.Token("*/*"), item("*/*"));
        assertEquals(new StructuredFields.Token("text/plain:x"), item("text/plain:x"));
    }

    @Test
    void byteSequencesAreBase64() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) item(":AQID:"));
        assertArrayEquals(new byte[0], (byte[]) item("::"));
        assertRefused(":AQ!D:", "bad character in byte sequence");
        assertRefused(":AQID", "unterminated byte sequence");
        assertRefused(":A:", "bad base64 in byte sequence");
    }

    @Test
    void booleansAreQuestionMarkOneOrZero() {
        assertEquals(Boolean.TRUE, item("?1"));
        assertEquals(Boolean.FALSE, item("?0"));
        assertRefused("?2", "bad boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ")", "(", "\u00e9", "@"})
    void anythingElseIsNoItem(String input) {
        assertRefused(input, "expected an item");
    }

    @Test
    void keysStartLowerCaseOrStarAndStopAtTheFirstOtherCharacter() {
        StructuredFieldCursor cursor = new StructuredFieldCursor("key_1-a.b*=x");
        assertEquals("key_1-a.b*", BareItemParser.key(cursor));
        assertEquals('=', cursor.peek());
        assertEquals("*k", BareItemParser.key(new StructuredFieldCursor("*k")));
        assertThrows(IllegalArgumentException.class, () -> BareItemParser.key(new StructuredFieldCursor("Key")));
        assertThrows(IllegalArgumentException.class, () -> BareItemParser.key(new StructuredFieldCursor("1k")));
    }

    @Test
    void anItemEndsWhereItsGrammarDoes() {
        StructuredFieldCursor cursor = new StructuredFieldCursor("12;a");
        assertEquals(12L, BareItemParser.bareItem(cursor));
        assertEquals(2, cursor.position());
    }

    @Test
    void failuresNameTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> item("\"ab\\x\""));
        assertEquals("bad escape in string at offset 5", e.getMessage());
    }

    private static Object item(String input) {
        return BareItemParser.bareItem(new StructuredFieldCursor(input));
    }

    private static void assertRefused(String input, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> item(input));
        assertTrue(e.getMessage().startsWith(why + " at offset "), e.getMessage());
    }
}
