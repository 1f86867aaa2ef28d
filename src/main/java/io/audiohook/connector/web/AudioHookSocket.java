package io.audiohook.connector.web;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The AudioHook socket callbacks, shared by the endpoints of each path. Everything runs on the
 * connection's event loop and nothing there blocks.
 */
public abstract class AudioHookSocket {

    @Inject
    LiveSessions sessions;

    @Inject
    WebSocketConnection connection;

    @OnOpen
    @NonBlocking
    public void open() {
        sessions.opened(connection);
    }

    @OnTextMessage
    @NonBlocking
    public void text(String message) {
        sessions.text(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    public void binary(Buffer frame) {
        sessions.binary(connection, frame);
    }

    @OnClose
    @NonBlocking
    public void close() {
        sessions.closed(connection);
    }
}
