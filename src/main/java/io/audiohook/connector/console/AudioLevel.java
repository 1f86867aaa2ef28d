package io.audiohook.connector.console;

import io.audiohook.connector.audio.MuLaw;
import io.audiohook.connector.audio.SampleFormat;

/** The level of one channel's frame: RMS in dBFS, read straight from the encoded bytes (no decoded copy). */
final class AudioLevel {
    private static final double FULL_SCALE = 32768.0;

    private AudioLevel() {
    }

    /** @return dBFS, or negative infinity for digital silence or no samples */
    static double dbfs(SampleFormat format, byte[] data) {
        long sum = 0;
        int samples;
        if (format == SampleFormat.PCMU) {
            samples = data.length;
            for (byte code : data) {
                int s = MuLaw.decode(code);
                sum += (long) s * s;
            }
        } else {
            samples = data.length / 2;
            for (int i = 0; i + 1 < data.length; i += 2) {
                int s = (short) ((data[i] & 0xFF) | (data[i + 1] << 8));
                sum += (long) s * s;
            }
        }
        if (samples == 0 || sum == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return 10 * Math.log10((double) sum / samples / (FULL_SCALE * FULL_SCALE));
    }
}
