package io.audiohook.connector.web;

import org.jboss.logging.Logger;

import io.audiohook.connector.protocol.Transport;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * A session's transport over its WebSocket. Sends never wait: Vert.x queues writes in call order, which keeps
 * {@code seq} in order on the wire; a send on a connection that closed meanwhile is dropped (the session ends).
 */
record ConnectionTransport(WebSocketConnection connection) implements Transport {
    private static final Logger LOG = Logger.getLogger(ConnectionTransport.class);

    @Override
    public void sendText(String text) {
        connection.sendText(text).subscribe().with(v -> {
        }, e -> LOG.debugf("send on closed connection %s dropped", connection.id()));
    }

    @Override
    public void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(v -> {
        }, e -> {
        });
    }
}
