package io.audiohook.connector.call;

import io.audiohook.connector.audio.AudioDecoder;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.protocol.Channel;

/**
 * One channel's share of a received frame, still in its wire encoding so that µ-law can go to the
 * recognizer untranscoded; {@link #pcm()} decodes on demand for consumers that need linear samples.
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
