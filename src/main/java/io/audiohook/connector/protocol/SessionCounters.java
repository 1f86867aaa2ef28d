package io.audiohook.connector.protocol;

/** What a session received and what it dropped; every dropped frame is counted here. */
public record SessionCounters(
        long textMessages,
        long audioFrames,
        long audioBytes,
        long droppedFrames,
        long droppedBytes,
        long ignoredMessages,
        long handlerFailures) {
}
