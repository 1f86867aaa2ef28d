package io.audiohook.connector.audio;

import java.util.Objects;

/**
 * One channel's audio turned from what AudioHook negotiated into what the recognizer is sent, a frame at a time:
 * untouched when they are the same (µ-law to {@code mulaw-8k}, L16 to {@code linear16-8k}), else decoded to 16-bit,
 * upsampled for 16 kHz, and written as little-endian LINEAR16.
 *
 * <p>One per channel, because the upsampler carries its filter state from frame to frame. Called on the session's
 * event loop: the decoding buffers are reused (they grow only up to the largest frame, which the protocol bounds at
 * 64 KiB), so a frame costs exactly one new array, its output, which the caller keeps. Not thread-safe.
 */
public final class RecognizerAudio {
    private final SampleFormat received;
    private final RecognizerEncoding sent;
    /** Only for 16 kHz. */
    private final Upsampler2x upsampler;
    private short[] decoded = new short[0];
    private short[] upsampled = new short[0];

    /** @param sent what the recognizer is told; {@code mulaw-8k} only for µ-law ({@link RecognizerEncoding#sentFor}) */
    public RecognizerAudio(SampleFormat received, RecognizerEncoding sent) {
        this.received = Objects.requireNonNull(received, "received");
        this.sent = Objects.requireNonNull(sent, "sent");
        if (sent.isMuLaw() && received != SampleFormat.PCMU) {
            throw new IllegalArgumentException(received.protocolName() + " cannot be sent as " + sent.wireName());
        }
        this.upsampler = sent.sampleRate() == 2 * Timeline.RATE ? new Upsampler2x() : null;
    }

    public RecognizerEncoding sent() {
        return sent;
    }

    /** The frame is sent as it came. */
    public boolean passesThrough() {
        return sent.isMuLaw() || (received == SampleFormat.L16 && upsampler == null);
    }

    /** How many bytes a frame of {@code receivedBytes} becomes. */
    public int convertedLength(int receivedBytes) {
        return AudioDecoder.sampleCount(received, receivedBytes) * sent.bytesPerTimelineSample();
    }

    /**
     * @param frame one channel's bytes of one AudioHook frame, in the negotiated format
     * @return {@code frame} itself when nothing changes, else a new array of {@link #convertedLength} bytes
     */
    public byte[] convert(byte[] frame) {
        if (passesThrough()) {
            return frame;
        }
        int samples = AudioDecoder.sampleCount(received, frame.length);
        decoded = atLeast(decoded, samples);
        AudioDecoder.decode(received, frame, 0, frame.length, decoded, 0);
        short[] linear = decoded;
        int count = samples;
        if (upsampler != null) {
            upsampled = atLeast(upsampled, 2 * samples);
            upsampler.process(decoded, 0, samples, upsampled, 0);
            linear = upsampled;
            count = 2 * samples;
        }
        byte[] out = new byte[count * Linear16.BYTES_PER_SAMPLE];
        Linear16.encode(linear, 0, count, out, 0);
        return out;
    }

    private static short[] atLeast(short[] buffer, int length) {
        return buffer.length >= length ? buffer : new short[length];
    }
}
