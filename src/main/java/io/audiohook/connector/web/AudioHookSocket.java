package io.audiohook.connector.web;

import java.io.IOException;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocketConnection;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The AudioHook socket callbacks, shared by the endpoints of each path. Everything runs on the
 * connection's event loop and nothing there blocks.
 *
 * <p>
 * The connection comes in as a callback parameter, not as an injected field: an injected
 * {@code WebSocketConnection} is a session-scoped proxy that only works inside a callback, while
 * {@link LiveSessions} sends and closes from its timer and from backend callbacks.
 */
public abstract class AudioHookSocket {

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

    /**
     * A message that outgrows the WebSocket's message buffer (Vert.x reports it as an {@code IllegalStateException}
     * while aggregating its frames) is a message too large: it gets the protocol's answer, a {@code disconnect} with
     * reason {@code error}, and the socket a 1009 close, instead of the framework's 1011 "internal error".
     */
    @OnError
    @NonBlocking
    public void tooLarge(IllegalStateException failure, WebSocketConnection connection) {
        sessions.failed(connection, failure);
    }

    /** A frame the WebSocket refused ({@link FrameGuard}): the session's answer, and the code for it in the close. */
    @OnError
    @NonBlocking
    public void refused(CorruptedWebSocketFrameException failure, WebSocketConnection connection) {
        sessions.refused(connection, failure);
    }

    /**
     * The connection broke under the socket (reset by the peer, most often): nothing can be answered, and the close
     * that follows ends the session; without this the framework logs an ERROR per dropped connection.
     */
    @OnError
    @NonBlocking
    public void lost(IOException failure, WebSocketConnection connection) {
        sessions.lost(connection, failure);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        sessions.closed(connection);
    }
}
