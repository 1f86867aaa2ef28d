package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UuidsTest {

    @Test
    void acceptsAnyVersionAndTheNullUuid() {
        assertTrue(Uuids.isValid("30b0e395-84d3-4570-ac13-9a62d8f514c0"));
        assertTrue(Uuids.isValid("30B0E395-84D3-4570-AC13-9A62D8F514C0"));
        assertTrue(Uuids.isValid(Uuids.NULL_UUID));
        assertTrue(Uuids.isNull(Uuids.NULL_UUID));
        assertTrue(Uuids.same("30B0E395-84D3-4570-AC13-9A62D8F514C0", "30b0e395-84d3-4570-ac13-9a62d8f514c0"));
    }

    @Test
    void rejectsEverythingElse() {
        assertFalse(Uuids.isValid(null));
        assertFalse(Uuids.isValid(""));
        assertFalse(Uuids.isValid("30b0e39584d34570ac139a62d8f514c0"));
        assertFalse(Uuids.isValid("30b0e395-84d3-4570-ac13-9a62d8f514cg"));
        assertFalse(Uuids.isValid("{30b0e395-84d3-4570-ac13-9a62d8f514c}"));
        assertFalse(Uuids.isValid("30b0e395-84d3-4570-ac13-9a62d8f514c0 "));
    }

    @Test
    void rejectsDigitsAndLettersOutsideAscii() {
        assertFalse(Uuids.isValid("30b0e395-84d3-4570-ac13-9a62d8f514c\uFF10"), "fullwidth 0");
        assertFalse(Uuids.isValid("30b0e395-84d3-4570-ac13-9a62d8f514\uFF46\uFF21"), "fullwidth f and A");
        assertFalse(Uuids.isValid("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667-84d3-4570-ac13-9a62d8f514c0"),
                "Arabic-Indic digits");
    }
}
