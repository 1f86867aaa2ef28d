package io.audiohook.connector.protocol;

/**
 * Turns one text frame into a client message the session may act on: decodes it and applies the sequence rules
 * ({@code seq} one more than the last, {@code serverseq} not ahead of the server, the session's own id). Messages
 * that were in order are acknowledged through the {@link SerializedSender}, so the next server message carries
 * their {@code clientseq}.
 *
 * <p>Not thread-safe: used under the session's lock.
 */
final class ClientMessageReader {
    private final String sessionId;
    private final SerializedSender sender;
    private long lastClientSeq;

    ClientMessageReader(String sessionId, SerializedSender sender) {
        this.sessionId = sessionId;
        this.sender = sender;
    }

    /**
     * @param state the session's state when the frame arrived
     * @throws ProtocolViolation when the frame breaks the protocol; its info is what {@code disconnect} tells
     */
    ClientMessage read(String text, SessionState state) {
        ClientMessage.Envelope envelope = ClientMessageCodec.decodeEnvelope(text);
        try {
            checkSequence(envelope);
        } catch (ProtocolViolation violation) {
            if (state != SessionState.DISCONNECTING || !"close".equals(envelope.type())) {
                throw violation;
            }
            // After our disconnect the client may count a message we could not read; its close must
            // still be answered, or Genesys waits for its close timeout.
            sender.acknowledge(envelope.seq());
        }
        return ClientMessageCodec.decodeParameters(envelope);
    }

    private void checkSequence(ClientMessage.Envelope envelope) {
        long expected = lastClientSeq + 1;
        // Follow the client's numbering even when it is wrong, so that its close after our disconnect is
        // understood; but only acknowledge (clientseq) messages that were in order.
        lastClientSeq = envelope.seq();
        if (envelope.seq() != expected) {
            throw new ProtocolViolation(ProtocolViolation.BAD_SEQ);
        }
        sender.acknowledge(envelope.seq());
        if (envelope.serverseq() > sender.serverSeq()) {
            throw new ProtocolViolation(ProtocolViolation.BAD_SERVERSEQ);
        }
        if (!Uuids.same(envelope.id(), sessionId)) {
            throw new ProtocolViolation(ProtocolViolation.ID_MISMATCH);
        }
    }
}
