package io.audiohook.connector.client;

/** How the WebSocket ended: a close frame's code and reason, or the transport error. */
public record CloseInfo(int statusCode, String reason, Throwable error) {

    public static final int NO_CLOSE_FRAME = -1;
}
