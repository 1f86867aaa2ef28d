package io.audiohook.connector.console;

import io.audiohook.connector.audio.MuLaw;
import io.audiohook.connector.audio.SampleFormat;

/**
 * The level of one channel's frame: RMS in dBFS, read straight from the encoded bytes (no decoded copy), over every
 * {@value #STRIDE}th sample: a meter needs the power, not every sample of it (speech's power is spread over many
 * periods of any frame), and watching the console must cost the calls next to nothing.
 */
final class AudioLevel {
    private static final double FULL_SCALE = 32768.0;
    static final int STRIDE = 4;

    private AudioLevel() {
    }

    /** @return dBFS, or negative infinity for digital silence or no samples */
    static double dbfs(SampleFormat format, byte[] data) {
        long sum = 0;
        int samples = 0;
        if (format == SampleFormat.PCMU) {
            for (int i = 0; i < data.length; i += STRIDE) {
                int s = MuLaw.decode(data[i]);
                sum += (long) s * s;
                samples++;
            }
        } else {
            for (int i = 0; i + 1 < data.length; i += 2 * STRIDE) {
                int s = (short) ((data[i] & 0xFF) | (data[i + 1] << 8));
                sum += (long) s * s;
                samples++;
            }
        }
        if (samples == 0 || sum == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return 10 * Math.log10((double) sum / samples / (FULL_SCALE * FULL_SCALE));
    }
}
