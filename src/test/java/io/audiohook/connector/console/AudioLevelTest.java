package io.audiohook.connector.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.audio.MuLaw;
import io.audiohook.connector.audio.SampleFormat;

class AudioLevelTest {

    @Test
    void aFullScaleSineIsThreeDecibelsBelowFullScaleInEitherEncoding() {
        int samples = 800; // 100 ms at 8 kHz, whole periods of 400 Hz
        byte[] l16 = new byte[samples * 2];
        byte[] pcmu = new byte[samples];
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(32000 * Math.sin(2 * Math.PI * 400 * i / 8000.0));
            l16[2 * i] = (byte) s;
            l16[2 * i + 1] = (byte) (s >> 8);
            pcmu[i] = MuLaw.encode(s);
        }

        double expected = 20 * Math.log10(32000 / 32768.0 / Math.sqrt(2));
        assertEquals(expected, AudioLevel.dbfs(SampleFormat.L16, l16), 0.05);
        assertEquals(expected, AudioLevel.dbfs(SampleFormat.PCMU, pcmu), 0.1);
    }

    @Test
    void silenceAndNothingHaveNoLevel() {
        assertEquals(Double.NEGATIVE_INFINITY, AudioLevel.dbfs(SampleFormat.L16, new byte[320]));
        assertEquals(Double.NEGATIVE_INFINITY, AudioLevel.dbfs(SampleFormat.PCMU, new byte[0]));
    }
}
