package io.audiohook.connector.demo;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WebSocket side of a demo call: joins text fragments into messages, parses them, and hands them on with the
 * socket's end. Memory stays bounded whatever the server sends.
 */
final class SocketListener implements WebSocket.Listener {

    /** What a call does with what arrives; one callback at a time, in order (the JDK's contract). */
    interface Events {
        void message(JsonNode message);

        /** The server sent what is not an AudioHook message (not JSON, too long, binary). */
        void unusable(String what);

        /** The socket ended: a close frame, or an error ({@code error} non-null). */
        void socketEnded(int code, String reason, Throwable error);
    }

    /** Genesys allows 64 KiB per message; anything longer is not an AudioHook message. */
    static final int MAX_TEXT = 65_536;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Events events;
    private final StringBuilder text = new StringBuilder();
    private boolean tooLong;

    SocketListener(Events events) {
        this.events = events;
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (text.length() + data.length() <= MAX_TEXT) {
            text.append(data);
        } else {
            tooLong = true;
        }
        if (last) {
            String message = text.toString();
            boolean discard = tooLong;
            text.setLength(0);
            tooLong = false;
            if (discard) {
                events.unusable("a text message longer than " + MAX_TEXT + " characters");
            } else {
                parse(message);
            }
        }
        ws.request(1);
        return null;
    }

    private void parse(String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            events.unusable("a text message that is not JSON");
            return;
        }
        if (node == null || !node.isObject()) {
            events.unusable("a text message that is not a JSON object");
        } else {
            events.message(node);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        if (last) {
            events.unusable("a binary message (servers send none)");
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        events.socketEnded(statusCode, reason, null);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        events.socketEnded(-1, "", error);
    }
}
