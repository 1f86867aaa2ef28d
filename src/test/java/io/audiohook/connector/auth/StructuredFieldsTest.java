package io.audiohook.connector.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredFieldsTest {

    @Test
    void innerListsWithParametersKeepTheirExactText() {
        Map<String, StructuredFields.Member> members = StructuredFields.parseDictionary(
                "sig1=(\"@method\" \"host\");created=1;keyid=\"k\", sig2=:AQID:");
        assertEquals(List.of("sig1", "sig2"), List.copyOf(members.keySet()));

        StructuredFields.Member sig1 = members.get("sig1");
        assertEquals("(\"@method\" \"host\");created=1;keyid=\"k\"", sig1.raw());
        StructuredFields.InnerList list = (StructuredFields.InnerList) sig1.value();
        assertEquals(List.of("@method", "host"), list.items().stream().map(StructuredFields.Item::bare).toList());
        assertEquals(Map.of("created", 1L, "keyid", "k"), list.params());
        assertEquals(List.of("created", "keyid"), List.copyOf(list.params().keySet()));

        assertEquals(":AQID:", members.get("sig2").raw());
        assertTrue(members.get("sig2").value() instanceof StructuredFields.Item);
    }

    @Test
    void aKeyWithoutValueIsTrueAndKeepsItsParameters() {
        StructuredFields.Member flag = StructuredFields.parseDictionary("flag;a=?0;b").get("flag");
        assertEquals(new StructuredFields.Item(Boolean.TRUE, Map.of("a", Boolean.FALSE, "b", Boolean.TRUE)),
                flag.value());
        assertEquals("", flag.raw());
    }

    @Test
    void spacesAroundTheWholeAndTabsAroundCommasAreAllowed() {
        assertEquals(List.of("a", "b", "c"), List.copyOf(
                StructuredFields.parseDictionary("  a=1 ,\tb=2,c=( 1  2 )  ").keySet()));
    }

    @Test
    void anEmptyFieldIsAnEmptyDictionary() {
        assertTrue(StructuredFields.parseDictionary("").isEmpty());
        assertTrue(StructuredFields.parseDictionary("   ").isEmpty());
    }

    @Test
    void repeatedKeysAreRefusedRatherThanLastOneWins() {
        assertRefused("a=1, a=2", "duplicate dictionary key");
        assertRefused("a=();x=1;x=2", "duplicate parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1,", "a=1, ", "a=1 b=2", "a=(1 2", "a=(1,2)", "a=1;", "a=1)", "=1", "a=1\t;x"})
    void malformedDictionariesAreRefused(String input) {
        assertThrows(IllegalArgumentException.class, () -> StructuredFields.parseDictionary(input));
    }

    @Test
    void quotingEscapesAndRoundTrips() {
        String quoted = StructuredFields.quote("a \"b\" \\c");
        assertEquals("\"a \\\"b\\\" \\\\c\"", quoted);
        StructuredFields.Item item = (StructuredFields.Item) StructuredFields.parseDictionary("k=" + quoted)
                .get("k").value();
        assertEquals("a \"b\" \\c", item.bare());
    }

    @Test
    void quotingRefusesWhatAnSfStringCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> StructuredFields.quote("line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> StructuredFields.quote("caf\u00e9"));
    }

    private static void assertRefused(String input, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredFields.parseDictionary(input));
        assertTrue(e.getMessage().startsWith(why + " at offset "), e.getMessage());
    }
}
