package io.audiohook.connector.protocol;

public enum SessionState {
    /** Socket up, waiting for {@code open}. */
    PREPARING,
    /** {@code opened} sent; audio flows. */
    ACTIVE,
    /** The client reported {@code paused}. */
    PAUSED,
    /** The client sent {@code close}; final events may still go out, then {@code closed}. */
    CLOSING,
    /** {@code closed} sent; waiting for the client to drop the socket. */
    CLOSED,
    /** The server sent {@code disconnect}; waiting for the client's {@code close}. */
    DISCONNECTING,
    /** The socket is gone. */
    ENDED
}
