package io.audiohook.connector.protocol;

import static io.audiohook.connector.protocol.ProtocolSessionTest.CONV;
import static io.audiohook.connector.protocol.ProtocolSessionTest.ORG;
import static io.audiohook.connector.protocol.ProtocolSessionTest.SECOND;
import static io.audiohook.connector.protocol.ProtocolSessionTest.SID;
import static io.audiohook.connector.protocol.ProtocolSessionTest.STEREO_AND_MONO;
import static io.audiohook.connector.protocol.ProtocolSessionTest.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The application admits an open before opened goes out: it may refuse it, or decide whether it starts paused. */
class OpenAdmissionTest {
    final ProtocolSessionTest.Wire wire = new ProtocolSessionTest.Wire();

    ProtocolSession session(Admission admission) {
        ProtocolSessionTest.Events events = new ProtocolSessionTest.Events() {
            @Override
            public Admission admit(OpenParameters open) {
                log.add("admit");
                return admission;
            }
        };
        return new ProtocolSession(SID, ORG, ProtocolSettings.defaults(), wire, events, 0);
    }

    @Test
    void aRefusedOpenGetsDisconnectWithTheInfoAndNoOpened() {
        ProtocolSession session = session(Admission.refuse("customConfig.language must be a language code"));
        session.onText(open(CONV, STEREO_AND_MONO), SECOND);
        assertEquals(List.of("disconnect"), wire.types());
        JsonNode disconnect = wire.last();
        assertEquals("error", disconnect.path("parameters").path("reason").asText());
        assertEquals("customConfig.language must be a language code", disconnect.path("parameters").path("info").asText());
        assertTrue(session.media().isEmpty(), "no media agreed: no audio is taken");
    }

    @Test
    void theApplicationDecidesWhetherThisCallStartsPaused() {
        ProtocolSession paused = session(Admission.accept(Optional.of(true)));
        paused.onText(open(CONV, STEREO_AND_MONO), SECOND);
        assertTrue(wire.last().path("parameters").path("startPaused").asBoolean());
        assertTrue(paused.startedPaused());

        ProtocolSession asDeployed = session(Admission.ACCEPT);
        asDeployed.onText(open(CONV, STEREO_AND_MONO), SECOND);
        assertFalse(wire.last().path("parameters").path("startPaused").asBoolean());
    }

    @Test
    void aProbeIsNeverAskedAboutAndNeverPaused() {
        ProtocolSession probe = session(Admission.refuse("never used"));
        probe.onText(open(Uuids.NULL_UUID, STEREO_AND_MONO), SECOND);
        assertEquals(List.of("opened"), wire.types());
        assertFalse(wire.last().path("parameters").path("startPaused").asBoolean());
    }

    @Test
    void languagesTheCallsModelRefusesAreNotOffered() {
        ProtocolSession session = session(Admission.accept(Optional.empty(), true, java.util.Set.of("fr-fr", "ja-jp")));
        session.onText(open(CONV, STEREO_AND_MONO).replace("\"language\":\"en-US\"",
                "\"language\":\"en-US\",\"supportedLanguages\":true"), SECOND);
        List<String> offered = new java.util.ArrayList<>();
        wire.last().path("parameters").path("supportedLanguages").forEach(l -> offered.add(l.asText()));
        List<String> expected = new java.util.ArrayList<>(ProtocolSettings.defaults().languages());
        expected.removeAll(List.of("fr-FR", "ja-JP"));
        assertEquals(expected, offered);
    }
}
