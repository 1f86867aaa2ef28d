package io.audiohook.connector.web;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/** The same endpoint on the path of Google's connector, so Genesys integrations switch by changing only the host. */
@WebSocket(path = "/connect")
public class ConnectEndpoint {

    @Inject
    LiveSessions sessions;

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        sessions.opened(connection);
    }

    @OnTextMessage
    @NonBlocking
    public void text(String message, WebSocketConnection connection) {
        sessions.text(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    public void binary(Buffer frame, WebSocketConnection connection) {
        sessions.binary(connection, frame);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }
}
