package io.audiohook.connector.protocol;

/**
 * Counts what one session received, what it dropped or ignored, and how often its handler failed; read as a
 * {@link SessionCounters} snapshot.
 *
 * <p>Not thread-safe: counted and read under the session's lock.
 */
final class SessionStatistics {
    private long textMessages;
    private long audioFrames;
    private long audioBytes;
    private long droppedFrames;
    private long droppedBytes;
    private long ignoredMessages;
    private long handlerFailures;

    void textMessage() {
        textMessages++;
    }

    /** An audio frame handed to the handler. */
    void audioFrame(int length) {
        audioFrames++;
        audioBytes += length;
    }

    /** An audio frame not handed to the handler, whatever the reason. */
    void droppedFrame(int length) {
        droppedFrames++;
        droppedBytes += length;
    }

    /** A well-formed message that made no sense in the session's state. */
    void ignoredMessage() {
        ignoredMessages++;
    }

    void handlerFailed() {
        handlerFailures++;
    }

    SessionCounters snapshot() {
        return new SessionCounters(textMessages, audioFrames, audioBytes, droppedFrames, droppedBytes, ignoredMessages,
                handlerFailures);
    }
}
