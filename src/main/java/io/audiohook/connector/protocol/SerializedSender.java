package io.audiohook.connector.protocol;

/**
 * The single place where a session's server messages get their {@code seq}: assigned and written under
 * one lock, so that messages sent from several threads (pong on the socket thread, events from the
 * recognizer, timers) reach the wire with gap-free, increasing sequence numbers.
 */
public final class SerializedSender {
    private final String sessionId;
    private final Transport transport;
    private long serverSeq;
    private long clientSeq;
    private boolean sealed;

    public SerializedSender(String sessionId, Transport transport) {
        this.sessionId = sessionId;
        this.transport = transport;
    }

    /** Records the last client seq seen so that the next message acknowledges it. */
    public synchronized void acknowledge(long seq) {
        clientSeq = seq;
    }

    /** Returns false when nothing more may be sent (after {@code closed}, or after the socket ended). */
    public synchronized boolean send(ServerMessages.Outgoing message) {
        if (sealed) {
            return false;
        }
        serverSeq++;
        transport.sendText(ServerMessages.encode(message, sessionId, serverSeq, clientSeq));
        return true;
    }

    /** Sends a last message and refuses everything afterwards: used for {@code closed}. */
    public synchronized boolean sendLast(ServerMessages.Outgoing message) {
        boolean sent = send(message);
        sealed = true;
        return sent;
    }

    public synchronized void seal() {
        sealed = true;
    }

    public synchronized long serverSeq() {
        return serverSeq;
    }

    public synchronized long clientSeq() {
        return clientSeq;
    }

    public synchronized boolean isSealed() {
        return sealed;
    }
}
