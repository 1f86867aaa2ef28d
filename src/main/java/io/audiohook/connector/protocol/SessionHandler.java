package io.audiohook.connector.protocol;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link ProtocolSession} tells the application, in protocol order. Callbacks run while the
 * session is locked: they must return quickly and must never wait for another thread that might be
 * calling into the same session. A callback that throws is logged and counted; the call goes on.
 */
public interface SessionHandler {

    SessionHandler NONE = new SessionHandler() {
    };

    /**
     * A non-probe {@code open} with acceptable media, before {@code opened} goes out: the application may refuse
     * it (the session is then disconnected with reason {@code error}) or decide whether it starts paused.
     */
    default Admission admit(OpenParameters open) {
        return Admission.ACCEPT;
    }

    /** {@code opened} has just been sent. {@code media} is empty when the session receives no audio. */
    default void opened(ProtocolSession session, OpenParameters open, Optional<MediaOffer> media) {
    }

    /** The stream position the client reported with a message, before that message is handled. */
    default void position(long positionNanos) {
    }

    /**
     * One binary frame received while active; its length is a whole number of sample frames. The array is only
     * valid during the call (the transport reuses it for the next frame): copy what you keep.
     */
    default void audio(byte[] frame, int offset, int length) {
    }

    default void paused() {
    }

    default void resumed(long startNanos, long discardedNanos) {
    }

    default void discarded(long startNanos, long discardedNanos) {
    }

    default void languageChanged(String language) {
    }

    default void clientError(int code, String message, OptionalLong retryAfterNanos) {
    }

    /**
     * The client sent {@code close}; {@code closed} goes out when the returned stage completes (or when
     * the flush timeout expires), so final results can still be sent as events before it.
     */
    default CompletionStage<Void> closing(String reason) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * {@code closed} has just been sent: the close transaction is over, whether or not the client closes its
     * socket now. Not called for sessions that end any other way.
     */
    default void closed(String reason) {
    }

    /** Called exactly once, when the session is over for whatever reason. */
    default void ended(SessionEnd end) {
    }
}
