package io.audiohook.connector.emulator;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.audiohook.connector.audio.AudioDecoder;
import io.audiohook.connector.audio.SampleFormat;

/**
 * Turns the audio chunks of one stream's requests into the 16-bit samples its voice activity detector
 * reads, and tells how long the bytes received so far play. Dialogflow's requests, unlike AudioHook frames
 * ({@link AudioDecoder} refuses a split sample), need not hold whole L16 samples, so an odd byte waits for
 * the next chunk.
 *
 * <p>Not thread-safe: one per stream, used under the stream's lock.
 */
final class AudioChunkDecoder {
    /** Where decoded samples go; the buffer is reused by the next chunk. */
    interface Samples {
        void accept(short[] pcm, int offset, int length);
    }

    private final SampleFormat format;
    private final Samples sink;
    private short[] pcm = new short[1600];
    private int pendingByte = -1;

    /** @param encoding {@code AUDIO_ENCODING_MULAW} or {@code AUDIO_ENCODING_LINEAR_16}, the two {@link StreamRules} admits */
    AudioChunkDecoder(AudioEncoding encoding, Samples sink) {
        this.format = switch (encoding) {
            case AUDIO_ENCODING_MULAW -> SampleFormat.PCMU;
            case AUDIO_ENCODING_LINEAR_16 -> SampleFormat.L16;
            default -> throw new IllegalArgumentException("StreamRules refuses " + encoding);
        };
        this.sink = sink;
    }

    void decode(byte[] bytes) {
        byte[] data = bytes;
        if (pendingByte >= 0) {
            data = new byte[bytes.length + 1];
            data[0] = (byte) pendingByte;
            System.arraycopy(bytes, 0, data, 1, bytes.length);
        }
        int whole = data.length - data.length % format.bytesPerSample();
        pendingByte = whole < data.length ? data[data.length - 1] & 0xFF : -1;
        if (pcm.length < whole / format.bytesPerSample()) {
            pcm = new short[whole / format.bytesPerSample()];
        }
        int samples = AudioDecoder.decode(format, data, 0, whole, pcm, 0);
        sink.accept(pcm, 0, samples);
    }

    /** How long {@code bytes} of this encoding play, in whole samples. */
    long durationNanos(long bytes) {
        return bytes / format.bytesPerSample() * 1_000_000_000L / StreamRules.SAMPLE_RATE;
    }
}
