package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WavFileTest {

    @Test
    void theBundledRecordingIsStereoMulaw8kOfAboutTenSeconds() throws IOException {
        WavFile wav;
        try (InputStream in = WavFileTest.class.getResourceAsStream("/demo/two-party-call.pcmu.wav")) {
            wav = WavFile.parse(in.readAllBytes());
        }
        assertEquals(SampleFormat.PCMU, wav.format());
        assertEquals(2, wav.channels());
        assertEquals(8000, wav.sampleRate());
        double seconds = wav.duration().toNanos() / 1e9;
        assertTrue(seconds >= 8 && seconds <= 12, "duration " + seconds);
        assertEquals(wav.samplesPerChannel() * 2, wav.data().length);
    }

    @Test
    void parsesPcm16AndSkipsUnknownChunks() {
        WavFile parsed = WavFile.parse(pcm16Wav(new short[] {1, -1, 1000, -1000, 32767, -32768}, 2));
        assertEquals(SampleFormat.L16, parsed.format());
        assertEquals(2, parsed.channels());
        assertEquals(4, parsed.frameBytes());
        assertEquals(3, parsed.samplesPerChannel());
        assertArrayEquals(new byte[] {1, 0, -1, -1, (byte) 0xE8, 0x03, 0x18, (byte) 0xFC, -1, 0x7F, 0, (byte) 0x80},
                parsed.data());
    }

    @Test
    void refusesOtherRatesAndWhatIsNoWav() {
        byte[] wav = pcm16Wav(new short[] {0, 0}, 1);
        wav[24] = (byte) 0x80; // 16000 Hz = 0x3E80
        wav[25] = 0x3E;
        assertEquals("AudioHook needs 8000 Hz, file has 16000",
                assertThrows(IllegalArgumentException.class, () -> WavFile.parse(wav)).getMessage());
        assertEquals("not a RIFF/WAVE file", assertThrows(IllegalArgumentException.class,
                () -> WavFile.parse("hello".getBytes(StandardCharsets.US_ASCII))).getMessage());
    }

    private static byte[] pcm16Wav(short[] samples, int channels) {
        ByteBuffer b = ByteBuffer.allocate(44 + 10 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(8000)
                .putInt(8000 * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
        b.put("LIST".getBytes()).putInt(1).put((byte) 0).put((byte) 0); // odd size plus pad byte
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
