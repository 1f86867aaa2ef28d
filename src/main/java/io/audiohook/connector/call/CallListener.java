package io.audiohook.connector.call;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.audiohook.connector.protocol.SessionEnd;

/**
 * The seam between the AudioHook session and whatever consumes the call (Agent Assist). Callbacks arrive
 * in protocol order on the session's thread: they must not block, and they must hand heavy work to their
 * own bounded queues. Positions are in samples at 8 kHz on the AudioHook stream time base.
 */
public interface CallListener {

    /** Per-channel audio, split by the negotiated channel order. */
    default void audio(ChannelAudio audio) {
    }

    default void paused(long position) {
    }

    /** Audio resumes at {@code position}; the gap since the pause is not sent. */
    default void resumed(long position) {
    }

    /** The client dropped audio; the stream continues at {@code position}. */
    default void discarded(long gapSamples, long position) {
    }

    default void languageChanged(String language, long position) {
    }

    default void clientError(int code, OptionalLong retryAfterNanos) {
    }

    /** The client is closing; complete the stage once final results have been sent. */
    default CompletionStage<Void> closing(String reason) {
        return CompletableFuture.completedFuture(null);
    }

    /** {@code closed} went out for a {@code close} with this reason; the socket may stay open a while longer. */
    default void closed(String reason) {
    }

    default void ended(SessionEnd end) {
    }
}
