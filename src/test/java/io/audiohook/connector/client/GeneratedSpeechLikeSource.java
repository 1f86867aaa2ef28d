package io.audiohook.connector.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cheap stand-in for speech in load tests: a few harmonics of a gliding pitch, amplitude
 * modulated at a syllable-like rate, with talk turns so that in stereo only one channel is
 * active at a time (as in a real two-party call). One loop per format is synthesised once and
 * shared; each source just walks it, so per-session cost is a cursor.
 */
public final class GeneratedSpeechLikeSource implements AudioSource {

    private static final int RATE = 8000;
    private static final double TURN_SECONDS = 3.0;
    private static final int LOOP_SAMPLES = (int) (4 * TURN_SECONDS * RATE);
    private static final Map<String, byte[]> LOOPS = new ConcurrentHashMap<>();

    private final AudioEncoding encoding;
    private final int channels;
    private final byte[] loop;
    private final long totalBytes;
    private long produced;

    public GeneratedSpeechLikeSource(AudioEncoding encoding, int channels, Duration duration) {
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("channels must be 1 or 2");
        }
        this.encoding = encoding;
        this.channels = channels;
        this.loop = LOOPS.computeIfAbsent(encoding + "/" + channels, k -> synthesise(encoding, channels));
        this.totalBytes = duration.toNanos() * RATE / 1_000_000_000L * encoding.bytesPerSample() * channels;
    }

    @Override
    public AudioEncoding encoding() {
        return encoding;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public byte[] nextFrame(int samplesPerChannel) {
        long remaining = totalBytes - produced;
        if (remaining <= 0) {
            return null;
        }
        int length = (int) Math.min(remaining, (long) samplesPerChannel * encoding.bytesPerSample() * channels);
        byte[] frame = new byte[length];
        int done = 0;
        while (done < length) {
            int at = (int) ((produced + done) % loop.length);
            int n = Math.min(length - done, loop.length - at);
            System.arraycopy(loop, at, frame, done, n);
            done += n;
        }
        produced += length;
        return frame;
    }

    private static byte[] synthesise(AudioEncoding encoding, int channels) {
        int bps = encoding.bytesPerSample();
        byte[] out = new byte[LOOP_SAMPLES * channels * bps];
        double phase = 0;
        int turnSamples = (int) (TURN_SECONDS * RATE);
        for (int i = 0; i < LOOP_SAMPLES; i++) {
            double t = (double) i / RATE;
            int speaker = (i / turnSamples) % 2;
            double withinTurn = (double) (i % turnSamples) / turnSamples;
            // Each turn ends with a pause, like the silence between two people speaking.
            double talking = withinTurn < 0.8 ? 1.0 : 0.0;
            double pitch = (speaker == 0 ? 210 : 120) + 25 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / RATE;
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 4.0 * t));
            double voice = 0.6 * Math.sin(phase) + 0.3 * Math.sin(2 * phase) + 0.15 * Math.sin(3 * phase)
                    + 0.08 * Math.sin(5 * phase);
            int sample = (int) Math.round(9000 * talking * syllable * voice);
            for (int ch = 0; ch < channels; ch++) {
                int value = (channels == 1 || ch == speaker) ? sample : 0;
                int at = (i * channels + ch) * bps;
                if (encoding == AudioEncoding.PCMU) {
                    out[at] = G711.linearToUlaw(value);
                } else {
                    out[at] = (byte) value;
                    out[at + 1] = (byte) (value >> 8);
                }
            }
        }
        return out;
    }
}
