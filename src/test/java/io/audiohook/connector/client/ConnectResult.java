package io.audiohook.connector.client;

/**
 * Outcome of the WebSocket upgrade. A refused upgrade is a normal result here, not an
 * exception, so auth tests can simply assert on {@link #httpStatus()}.
 *
 * @param httpStatus 101 when upgraded, the server's status when refused, -1 when no HTTP
 *                   response was obtained (connection refused, timeout)
 */
public record ConnectResult(AudioHookClient client, int httpStatus, Throwable failure) {

    public boolean connected() {
        return failure == null;
    }

    /** The connected client, or an AssertionError naming the status when the upgrade failed. */
    public AudioHookClient require() {
        if (failure != null) {
            throw new AssertionError("upgrade failed with HTTP status " + httpStatus, failure);
        }
        return client;
    }
}
