package io.audiohook.connector.client;

import java.time.Duration;

/**
 * Pull-based audio for a session. Implementations are single-consumer and keep only a cursor
 * per session, so thousands of concurrent sessions can share the underlying sample data.
 */
public interface AudioSource {

    AudioEncoding encoding();

    int channels();

    default int sampleRate() {
        return 8000;
    }

    /**
     * Next interleaved frame of at most {@code samplesPerChannel} samples per channel; shorter
     * only at the end of the source; null once exhausted.
     */
    byte[] nextFrame(int samplesPerChannel);

    default int samplesPerChannel(Duration frameDuration) {
        return (int) (frameDuration.toNanos() * sampleRate() / 1_000_000_000L);
    }
}
