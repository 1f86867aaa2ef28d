package io.audiohook.connector.protocol;

/**
 * The socket as the protocol sees it. Implementations must not block and must keep the order of calls:
 * {@link SerializedSender} relies on call order to keep {@code seq} in order on the wire.
 */
public interface Transport {

    void sendText(String text);

    /** Ends the WebSocket; further sends are ignored. */
    void close(int code, String reason);
}
