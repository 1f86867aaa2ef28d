package io.audiohook.connector.emulator;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.audiohook.connector.audio.AudioDecoder;
import io.audiohook.connector.audio.SampleFormat;

/**
 * Turns the audio chunks of one stream's requests into the 16-bit samples at {@value #VAD_RATE} Hz its voice
 * activity detector reads, and tells how long the bytes received so far play at the declared rate. Dialogflow's
 * requests, unlike AudioHook frames ({@link AudioDecoder} refuses a split sample), need not hold whole L16
 * samples, so an odd byte waits for the next chunk. 16 kHz LINEAR16 is decimated to 8 kHz by averaging pairs: a
 * crude low-pass, but the detector only measures energy, and speech keeps its energy below 4 kHz.
 *
 * <p>Not thread-safe: one per stream, used under the stream's lock.
 */
final class AudioChunkDecoder {
    /** Where decoded samples go; the buffer is reused by the next chunk. */
    interface Samples {
        void accept(short[] pcm, int offset, int length);
    }

    /** What the voice activity detector and the utterances' timings count in. */
    static final int VAD_RATE = 8000;

    private final SampleFormat format;
    private final int sampleRate;
    private final Samples sink;
    private short[] pcm = new short[1600];
    private int pendingByte = -1;
    /** A 16 kHz sample waiting for its pair; only when {@link #pairWaiting}. */
    private short pairFirst;
    private boolean pairWaiting;

    /**
     * @param encoding   {@code AUDIO_ENCODING_MULAW} or {@code AUDIO_ENCODING_LINEAR_16}, the two {@link StreamRules}
     *                   admits
     * @param sampleRate the declared {@code sample_rate_hertz}: 8000, or 16000 for LINEAR16
     */
    AudioChunkDecoder(AudioEncoding encoding, int sampleRate, Samples sink) {
        this.format = switch (encoding) {
            case AUDIO_ENCODING_MULAW -> SampleFormat.PCMU;
            case AUDIO_ENCODING_LINEAR_16 -> SampleFormat.L16;
            default -> throw new IllegalArgumentException("StreamRules refuses " + encoding);
        };
        if (sampleRate != VAD_RATE && sampleRate != 2 * VAD_RATE) {
            throw new IllegalArgumentException("StreamRules refuses " + sampleRate + " Hz");
        }
        this.sampleRate = sampleRate;
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
        sink.accept(pcm, 0, sampleRate == VAD_RATE ? samples : halve(samples));
    }

    /** Averages pairs in place; a sample left over waits for its pair in the next chunk. @return samples at 8 kHz */
    private int halve(int samples) {
        int out = 0;
        int i = 0;
        if (pairWaiting && samples > 0) {
            pcm[out++] = (short) ((pairFirst + pcm[0]) >> 1);
            pairWaiting = false;
            i = 1;
        }
        for (; i + 1 < samples; i += 2) { // reads ahead of where it writes
            pcm[out++] = (short) ((pcm[i] + pcm[i + 1]) >> 1);
        }
        if (i < samples) {
            pairFirst = pcm[i];
            pairWaiting = true;
        }
        return out;
    }

    /** How long {@code bytes} of this encoding play at the declared rate, in whole samples. */
    long durationNanos(long bytes) {
        return bytes / format.bytesPerSample() * 1_000_000_000L / sampleRate;
    }
}
