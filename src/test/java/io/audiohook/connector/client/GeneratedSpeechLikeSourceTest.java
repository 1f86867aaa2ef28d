package io.audiohook.connector.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeneratedSpeechLikeSourceTest {

    @Test
    void producesExactlyTheRequestedDuration() {
        GeneratedSpeechLikeSource source = new GeneratedSpeechLikeSource(AudioEncoding.PCMU, 2, Duration.ofMillis(1100));
        assertEquals(3200, source.nextFrame(1600).length);
        int total = 3200;
        for (byte[] f = source.nextFrame(1600); f != null; f = source.nextFrame(1600)) {
            total += f.length;
        }
        assertEquals(8800 * 2, total);
        assertNull(source.nextFrame(1600));
    }

    @Test
    void stereoTakesTurnsAndL16IsLittleEndian() {
        GeneratedSpeechLikeSource source = new GeneratedSpeechLikeSource(AudioEncoding.L16, 2, Duration.ofSeconds(6));
        byte[] firstTurn = source.nextFrame(8000); // second 0-1: channel 0 talks
        long ch0 = 0;
        long ch1 = 0;
        for (int i = 0; i < firstTurn.length; i += 4) {
            ch0 += Math.abs((short) ((firstTurn[i] & 0xFF) | (firstTurn[i + 1] << 8)));
            ch1 += Math.abs((short) ((firstTurn[i + 2] & 0xFF) | (firstTurn[i + 3] << 8)));
        }
        assertTrue(ch0 > 0);
        assertEquals(0, ch1);
    }

    @Test
    void mulawCodecRoundTripsWithinQuantisation() {
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(32124, G711.ulawToLinear((byte) 0x80));
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
        for (int pcm = -32000; pcm <= 32000; pcm += 97) {
            int back = G711.ulawToLinear(G711.linearToUlaw(pcm));
            assertTrue(Math.abs(back - pcm) <= Math.max(8, Math.abs(pcm) / 16), pcm + " -> " + back);
        }
    }
}
