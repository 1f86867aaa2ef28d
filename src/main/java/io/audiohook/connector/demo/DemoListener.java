package io.audiohook.connector.demo;

/**
 * What a demo call reports while it runs. Called on the caller's I/O threads: return quickly, and do not block.
 */
public interface DemoListener {

    DemoListener NONE = new DemoListener() {
    };

    /** The server answered {@code open} with {@code opened}; the recording starts now. */
    default void opened(DemoCall call) {
    }

    /** A final transcript came back on the socket (only in Transcription Connector mode). */
    default void transcript(DemoCall call, TranscriptLine line) {
    }
}
