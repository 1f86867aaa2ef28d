package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The state machine driven directly, without a server: sequence rules, state rules and timeouts. */
class ProtocolSessionTest {
    static final String SID = "30b0e395-84d3-4570-ac13-9a62d8f514c0";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String CONV = "4b423294-ea9b-4d1e-b6c3-da1ca05ef316";
    static final long SECOND = 1_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The wire as the session sees it: everything it sent, in order. */
    static final class Wire implements Transport {
        final List<JsonNode> sent = new ArrayList<>();
        int closeCode;

        @Override
        public void sendText(String text) {
            try {
                sent.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        JsonNode last() {
            return sent.get(sent.size() - 1);
        }

        List<String> types() {
            return sent.stream().map(n -> n.get("type").asText()).toList();
        }
    }

    /** Remembers what the session reported. */
    static class Events implements SessionHandler {
        final List<String> log = new ArrayList<>();
        CompletableFuture<Void> flush = CompletableFuture.completedFuture(null);
        SessionEnd end;
        int audioBytes;

        @Override
        public void opened(ProtocolSession session, OpenParameters open, Optional<MediaOffer> media) {
            log.add("opened " + media.map(MediaOffer::toString).orElse("none") + (open.isProbe() ? " probe" : ""));
        }

        @Override
        public void audio(byte[] frame, int offset, int length) {
            audioBytes += length;
        }

        @Override
        public void paused() {
            log.add("paused");
        }

        @Override
        public void resumed(long startNanos, long discardedNanos) {
            log.add("resumed " + Durations.format(startNanos) + " " + Durations.format(discardedNanos));
        }

        @Override
        public void languageChanged(String language) {
            log.add("language " + language);
        }

        @Override
        public CompletionStage<Void> closing(String reason) {
            log.add("closing " + reason);
            return flush;
        }

        @Override
        public void ended(SessionEnd end) {
            this.end = end;
            log.add("ended " + end.outcome());
        }
    }

    final Wire wire = new Wire();
    final Events events = new Events();
    final ProtocolSession session = new ProtocolSession(SID, ORG, ProtocolSettings.defaults(), wire, events, 0);
    long clientSeq;

    static String open(String conversationId, String media) {
        return "{\"version\":\"2\",\"id\":\"" + SID + "\",\"type\":\"open\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\",\"parameters\":{\"organizationId\":\"" + ORG + "\",\"conversationId\":\""
                + conversationId + "\",\"participant\":{\"id\":\"" + Uuids.NULL_UUID
                + "\",\"ani\":\"+15551234\",\"aniName\":\"Jane\",\"dnis\":\"+18005550000\"},\"media\":" + media
                + ",\"language\":\"en-US\"}}";
    }

    static final String STEREO_AND_MONO = "[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000},"
            + "{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\"],\"rate\":8000}]";

    String message(String type, String parameters) {
        clientSeq++;
        return "{\"version\":\"2\",\"id\":\"" + SID + "\",\"type\":\"" + type + "\",\"seq\":" + clientSeq
                + ",\"serverseq\":" + session.serverSeq() + ",\"position\":\"PT1S\",\"parameters\":" + parameters + "}";
    }

    void openCall() {
        clientSeq = 1;
        session.onText(open(CONV, STEREO_AND_MONO), SECOND);
    }

    @Test
    void opensWithTheStereoOfferEchoedVerbatim() {
        openCall();
        JsonNode opened = wire.last();
        assertEquals("opened", opened.get("type").asText());
        assertEquals(1, opened.get("seq").asInt());
        assertEquals(1, opened.get("clientseq").asInt());
        assertEquals("[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000}]",
                opened.get("parameters").get("media").toString());
        assertFalse(opened.get("parameters").get("startPaused").asBoolean());
        assertFalse(opened.get("parameters").has("supportedLanguages"));
        assertEquals(SessionState.ACTIVE, session.state());
        assertEquals(List.of("opened PCMU/8000[EXTERNAL, INTERNAL]"), events.log);
    }

    @Test
    void pongAcknowledgesThePingItAnswers() {
        openCall();
        session.onText(message("ping", "{}"), 2 * SECOND);
        session.onText(message("ping", "{\"rtt\":\"PT0.004S\"}"), 3 * SECOND);
        assertEquals(List.of("opened", "pong", "pong"), wire.types());
        assertEquals(2, wire.sent.get(1).get("seq").asInt());
        assertEquals(2, wire.sent.get(1).get("clientseq").asInt());
        assertEquals(3, wire.sent.get(2).get("seq").asInt());
        assertEquals(3, wire.sent.get(2).get("clientseq").asInt());
    }

    @Test
    void seqGapIsAProtocolErrorAnsweredOnceWithDisconnect() {
        openCall();
        clientSeq++; // skip one
        session.onText(message("ping", "{}"), 2 * SECOND);
        assertDisconnect("error", ProtocolViolation.BAD_SEQ);
        session.onText(message("ping", "{\"rtt\":7}"), 2 * SECOND);
        assertEquals(2, wire.sent.size(), "a second violation is not signalled again");
        // the client still runs its close transaction
        session.onText(message("close", "{\"reason\":\"disconnect\"}"), 3 * SECOND);
        assertEquals("closed", wire.last().get("type").asText());
        session.onSocketClosed(4 * SECOND);
        assertEquals(SessionEnd.Outcome.DISCONNECTED, events.end.outcome());
    }

    @Test
    void closeAfterDisconnectIsAnsweredEvenIfTheClientCountedAMessageWeCouldNotRead() {
        openCall();
        session.onText("{not json", 2 * SECOND);
        assertDisconnect("error", ProtocolViolation.NOT_JSON);
        clientSeq++; // the client counted the unreadable message
        session.onText(message("close", "{\"reason\":\"disconnect\"}"), 3 * SECOND);
        assertEquals("closed", wire.last().get("type").asText());
        assertEquals(3, wire.last().get("clientseq").asInt());
    }

    @Test
    void serverseqAheadOfTheServerIsRejected() {
        openCall();
        clientSeq++;
        session.onText("{\"version\":\"2\",\"id\":\"" + SID + "\",\"type\":\"ping\",\"seq\":2,\"serverseq\":5,"
                + "\"position\":\"PT1S\",\"parameters\":{}}", 2 * SECOND);
        assertDisconnect("error", ProtocolViolation.BAD_SERVERSEQ);
    }

    @Test
    void anotherSessionsIdIsRejected() {
        openCall();
        session.onText(message("ping", "{}").replace(SID, CONV), 2 * SECOND);
        assertDisconnect("error", ProtocolViolation.ID_MISMATCH);
    }

    @Test
    void malformedInputGetsItsOwnReason() {
        assertViolation("{\"version\":\"2\"", ProtocolViolation.NOT_JSON);
        assertViolation("[1,2]", ProtocolViolation.NOT_JSON);
        assertViolation("{\"version\":\"2\",\"id\":\"" + SID + "\",\"type\":\"ping\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\"}", ProtocolViolation.MALFORMED);
        assertViolation("{\"version\":2,\"id\":\"" + SID + "\",\"type\":\"ping\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\",\"parameters\":{}}", ProtocolViolation.MALFORMED);
        assertViolation("{\"version\":\"3\",\"id\":\"" + SID + "\",\"type\":\"ping\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\",\"parameters\":{}}", ProtocolViolation.UNSUPPORTED_VERSION);
        assertViolation("{\"version\":\"2\",\"id\":\"" + SID + "\",\"type\":\"close\",\"seq\":1,\"serverseq\":0,"
                + "\"position\":\"PT0S\",\"parameters\":{\"reason\":5}}", ProtocolViolation.BAD_PARAMETERS);
        assertViolation(" ".repeat(ClientMessageCodec.MAX_TEXT_CHARS + 1), ProtocolViolation.TOO_LARGE);
    }

    private void assertViolation(String text, String info) {
        ProtocolSession fresh = new ProtocolSession(SID, ORG, ProtocolSettings.defaults(), wire, events, 0);
        wire.sent.clear();
        fresh.onText(text, 1);
        assertDisconnect("error", info);
    }

    @Test
    void organizationMismatchIsUnauthorized() {
        ProtocolSession other = new ProtocolSession(SID, CONV, ProtocolSettings.defaults(), wire, events, 0);
        other.onText(open(CONV, STEREO_AND_MONO), SECOND);
        assertDisconnect("unauthorized", null);
        assertEquals(List.of(), events.log, "no call is opened for an unauthorized session");
    }

    @Test
    void probeIsAnsweredLikeAnyOpen() {
        session.onText(open(Uuids.NULL_UUID, STEREO_AND_MONO), SECOND);
        assertEquals("opened", wire.last().get("type").asText());
        assertEquals(List.of("opened PCMU/8000[EXTERNAL, INTERNAL] probe"), events.log);
    }

    @Test
    void unacceptableMediaEndsTheSession() {
        session.onText(open(CONV, "[{\"type\":\"audio\",\"format\":\"OPUS\",\"channels\":[\"external\"],\"rate\":8000}]"),
                SECOND);
        assertDisconnect("error", ProtocolViolation.NO_MEDIA);
    }

    @Test
    void duplicatePausedIsToleratedAndAudioWhilePausedIsDroppedAndCounted() {
        openCall();
        session.onBinary(new byte[3200], 0, 3200, 2 * SECOND);
        session.onText(message("paused", "{}"), 2 * SECOND);
        session.onText(message("paused", "{}"), 2 * SECOND);
        session.onBinary(new byte[3200], 0, 3200, 2 * SECOND);
        session.onText(message("resumed", "{\"start\":\"PT1S\",\"discarded\":\"PT2.5S\"}"), 3 * SECOND);
        session.onBinary(new byte[1600], 0, 1600, 3 * SECOND);
        assertEquals(List.of("opened"), wire.types(), "nothing is sent for paused or resumed");
        assertEquals(List.of("opened PCMU/8000[EXTERNAL, INTERNAL]", "paused", "resumed PT1S PT2.5S"), events.log);
        SessionCounters counters = session.counters();
        assertEquals(2, counters.audioFrames());
        assertEquals(4800, counters.audioBytes());
        assertEquals(1, counters.droppedFrames());
        assertEquals(3200, counters.droppedBytes());
        assertEquals(1, counters.ignoredMessages());
        assertEquals(SessionState.ACTIVE, session.state());
    }

    @Test
    void audioBeforeOpenIsAProtocolError() {
        session.onBinary(new byte[320], 0, 320, SECOND);
        assertDisconnect("error", ProtocolViolation.AUDIO_BEFORE_OPEN);
        assertEquals(1, session.counters().droppedFrames());
        assertEquals(0, events.audioBytes);
    }

    @Test
    void frameThatIsNotWholeSampleFramesIsAProtocolError() {
        openCall();
        session.onBinary(new byte[3201], 0, 3201, 2 * SECOND);
        assertDisconnect("error", ProtocolViolation.BAD_AUDIO_FRAME);
        assertEquals(0, events.audioBytes);
    }

    @Test
    void closeWaitsForTheFlushAndClosedIsTheLastMessage() {
        openCall();
        events.flush = new CompletableFuture<>();
        session.onText(message("close", "{\"reason\":\"end\"}"), 2 * SECOND);
        assertEquals(SessionState.CLOSING, session.state());
        assertTrue(session.sendEvent(List.of(JSON.createObjectNode().put("type", "transcript"))),
                "final events may still go out while closing");
        assertFalse(session.disconnect(DisconnectReason.ERROR, Optional.empty()), "no disconnect after close");
        events.flush.complete(null);
        assertEquals(List.of("opened", "event", "closed"), wire.types());
        assertEquals(2, wire.last().get("clientseq").asInt());
        assertFalse(session.sendEvent(List.of(JSON.createObjectNode().put("type", "late"))));
        session.onText(message("ping", "{}"), 3 * SECOND);
        assertEquals("closed", wire.last().get("type").asText(), "nothing after closed");
        session.onSocketClosed(3 * SECOND);
        assertTrue(events.end.isEndOfConversation());
    }

    @Test
    void closedGoesOutEvenIfTheFlushNeverCompletes() {
        openCall();
        events.flush = new CompletableFuture<>();
        session.onText(message("close", "{\"reason\":\"end\"}"), 2 * SECOND);
        session.onTick(6 * SECOND);
        assertEquals(SessionState.CLOSING, session.state());
        session.onTick(8 * SECOND);
        assertEquals("closed", wire.last().get("type").asText());
    }

    @Test
    void updateReportsTheLanguageWithoutAnswer() {
        openCall();
        session.onText(message("update", "{\"language\":\"fr-FR\"}"), 2 * SECOND);
        assertEquals(List.of("opened"), wire.types());
        assertTrue(events.log.contains("language fr-FR"));
    }

    @Test
    void clientErrorIsNeverAnsweredWithDisconnect() {
        openCall();
        session.onText(message("error", "{\"code\":400,\"message\":\"tough stuff\"}"), 2 * SECOND);
        session.onText(message("close", "{\"reason\":\"error\"}"), 2 * SECOND);
        assertEquals(List.of("opened", "closed"), wire.types());
    }

    @Test
    void unknownTypesAreIgnoredButStillCountInTheSequence() {
        openCall();
        session.onText(message("dtmf", "{\"digit\":\"1\"}"), 2 * SECOND);
        session.onText(message("ping", "{}"), 2 * SECOND);
        assertEquals(List.of("opened", "pong"), wire.types());
        assertEquals(3, wire.last().get("clientseq").asInt());
    }

    @Test
    void silentSocketIsClosedAfterTheOpenTimeout() {
        session.onTick(9 * SECOND);
        assertEquals(0, wire.closeCode);
        session.onTick(10 * SECOND);
        assertEquals(1008, wire.closeCode);
        assertEquals(SessionEnd.Outcome.OPEN_TIMEOUT, events.end.outcome());
    }

    @Test
    void idleSessionIsDisconnectedThenClosedIfTheClientNeverAnswers() {
        openCall();
        session.onTick(60 * SECOND);
        assertEquals(List.of("opened"), wire.types());
        session.onTick(61 * SECOND);
        assertDisconnect("error", "Session idle timeout");
        session.onTick(72 * SECOND);
        assertEquals(1000, wire.closeCode);
        assertEquals(SessionEnd.Outcome.DISCONNECTED, events.end.outcome());
    }

    @Test
    void aFailingHandlerDoesNotEndTheCall() {
        ProtocolSession fragile = new ProtocolSession(SID, ORG, ProtocolSettings.defaults(), wire, new SessionHandler() {
            @Override
            public void audio(byte[] frame, int offset, int length) {
                throw new IllegalStateException("backend down");
            }
        }, 0);
        fragile.onText(open(CONV, STEREO_AND_MONO), SECOND);
        fragile.onBinary(new byte[3200], 0, 3200, SECOND);
        fragile.onText("{\"version\":\"2\",\"id\":\"" + SID + "\",\"type\":\"ping\",\"seq\":2,\"serverseq\":1,"
                + "\"position\":\"PT0.2S\",\"parameters\":{}}", SECOND);
        assertEquals(List.of("opened", "pong"), wire.types());
        assertEquals(1, fragile.counters().handlerFailures());
    }

    @Test
    void supportedLanguagesOnlyWhenAsked() {
        session.onText(open(CONV, STEREO_AND_MONO).replace("\"language\":\"en-US\"",
                "\"language\":\"en-US\",\"supportedLanguages\":true"), SECOND);
        JsonNode languages = wire.last().get("parameters").get("supportedLanguages");
        assertEquals(ProtocolSettings.defaults().languages().size(), languages.size());
        assertEquals("en-US", languages.get(0).asText());
    }

    private void assertDisconnect(String reason, String info) {
        JsonNode last = wire.last();
        assertEquals("disconnect", last.get("type").asText(), last.toString());
        assertEquals(reason, last.get("parameters").get("reason").asText());
        if (info == null) {
            assertFalse(last.get("parameters").has("info"));
        } else {
            assertEquals(info, last.get("parameters").get("info").asText());
        }
    }
}
