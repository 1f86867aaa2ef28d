package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The sequence rules on their own: what is accepted, what is acknowledged, and the close after a disconnect. */
class ClientMessageReaderTest {
    static final String SID = ProtocolSessionTest.SID;

    final SerializedSender sender = new SerializedSender(SID, new ProtocolSessionTest.Wire());
    final ClientMessageReader reader = new ClientMessageReader(SID, sender);

    static String message(String id, String type, long seq, long serverseq, String parameters) {
        return "{\"version\":\"2\",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"seq\":" + seq + ",\"serverseq\":"
                + serverseq + ",\"position\":\"PT0S\",\"parameters\":" + parameters + "}";
    }

    static String ping(long seq) {
        return message(SID, "ping", seq, 0, "{}");
    }

    static String close(long seq) {
        return message(SID, "close", seq, 0, "{\"reason\":\"disconnect\"}");
    }

    private void assertViolation(String info, String text, SessionState state) {
        assertEquals(info, assertThrows(ProtocolViolation.class, () -> reader.read(text, state)).info());
    }

    @Test
    void messagesInOrderAreDecodedAndAcknowledged() {
        assertInstanceOf(ClientMessage.Ping.class, reader.read(ping(1), SessionState.ACTIVE));
        assertEquals(1, sender.clientSeq());
        assertInstanceOf(ClientMessage.Close.class, reader.read(close(2), SessionState.ACTIVE));
        assertEquals(2, sender.clientSeq());
    }

    @Test
    void aGapIsRejectedAndNotAcknowledgedButTheClientsNumberingIsFollowed() {
        reader.read(ping(1), SessionState.ACTIVE);
        assertViolation(ProtocolViolation.BAD_SEQ, ping(3), SessionState.ACTIVE);
        assertEquals(1, sender.clientSeq());
        reader.read(ping(4), SessionState.ACTIVE);
        assertEquals(4, sender.clientSeq());
    }

    @Test
    void serverseqAheadOfTheServerIsRejected() {
        sender.send(ServerMessages.pong());
        reader.read(message(SID, "ping", 1, 1, "{}"), SessionState.ACTIVE);
        assertViolation(ProtocolViolation.BAD_SERVERSEQ, message(SID, "ping", 2, 2, "{}"), SessionState.ACTIVE);
    }

    @Test
    void theIdIsComparedWithoutRegardToCase() {
        reader.read(message(SID.toUpperCase(Locale.ROOT), "ping", 1, 0, "{}"), SessionState.ACTIVE);
        assertViolation(ProtocolViolation.ID_MISMATCH, message(Uuids.NULL_UUID, "ping", 2, 0, "{}"),
                SessionState.ACTIVE);
    }

    @Test
    void afterADisconnectOnlyACloseIsReadDespiteABrokenSequence() {
        reader.read(ping(1), SessionState.ACTIVE);
        assertViolation(ProtocolViolation.BAD_SEQ, ping(3), SessionState.DISCONNECTING);
        assertInstanceOf(ClientMessage.Close.class, reader.read(close(5), SessionState.DISCONNECTING));
        assertEquals(5, sender.clientSeq(), "the close is acknowledged so that closed answers it");
    }

    @Test
    void aCloseOutOfSequenceIsAViolationWhileTheSessionHasNotDisconnected() {
        reader.read(ping(1), SessionState.ACTIVE);
        assertViolation(ProtocolViolation.BAD_SEQ, close(3), SessionState.ACTIVE);
        assertViolation(ProtocolViolation.BAD_SEQ, close(5), SessionState.CLOSING);
    }

    @Test
    void whatCannotBeDecodedIsReportedAsSuch() {
        assertViolation(ProtocolViolation.NOT_JSON, "{not json", SessionState.DISCONNECTING);
        assertViolation(ProtocolViolation.BAD_PARAMETERS, message(SID, "close", 1, 0, "{\"reason\":5}"),
                SessionState.ACTIVE);
    }
}
