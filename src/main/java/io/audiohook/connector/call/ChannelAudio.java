package io.audiohook.connector.call;

import io.audiohook.connector.audio.AudioDecoder;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.protocol.Channel;

/**
 * One channel's share of a received frame, still in its wire encoding so that µ-law can go to the
 * recognizer untranscoded; {@link #pcm()} decodes on demand for consumers that need linear samples.
 * {@code data} is a fresh array that nobody writes to: listeners may keep it, and the assist path sends views of
 * it to Dialogflow without copying.
 *
 * @param position stream position of the first sample, in samples at 8 kHz (the AudioHook time base)
 */
public record ChannelAudio(Channel channel, int index, SampleFormat format, byte[] data, long position) {

    public int samples() {
        return data.length / format.bytesPerSample();
    }

    public short[] pcm() {
        return AudioDecoder.decode(format, data, 0, data.length);
    }
}
