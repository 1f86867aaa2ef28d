package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What each recognizer encoding makes of each negotiated format, frame by frame. */
class RecognizerAudioTest {

    static byte[] muLawRamp(int samples) {
        short[] linear = new short[samples];
        for (int i = 0; i < samples; i++) {
            linear[i] = (short) (i * 997 % 30000 - 15000);
        }
        byte[] codes = new byte[samples];
        MuLaw.encode(linear, 0, samples, codes, 0);
        return codes;
    }

    @Test
    void theEncodingsByTheirNamesRatesAndBytesPerTimelineSample() {
        assertEquals(Optional.of(RecognizerEncoding.MULAW_8K), RecognizerEncoding.fromWireName("mulaw-8k"));
        assertEquals(Optional.of(RecognizerEncoding.LINEAR16_8K), RecognizerEncoding.fromWireName("linear16-8k"));
        assertEquals(Optional.of(RecognizerEncoding.LINEAR16_16K), RecognizerEncoding.fromWireName("linear16-16k"));
        assertEquals(Optional.empty(), RecognizerEncoding.fromWireName("LINEAR16-16K"));
        assertEquals(Optional.empty(), RecognizerEncoding.fromWireName(null));
        assertEquals("mulaw-8k, linear16-8k, linear16-16k", RecognizerEncoding.wireNames());
        assertEquals(1, RecognizerEncoding.MULAW_8K.bytesPerTimelineSample());
        assertEquals(2, RecognizerEncoding.LINEAR16_8K.bytesPerTimelineSample());
        assertEquals(4, RecognizerEncoding.LINEAR16_16K.bytesPerTimelineSample());
        assertEquals(32000, RecognizerEncoding.LINEAR16_16K.bytesPerSecond());
        assertEquals(16000, RecognizerEncoding.LINEAR16_16K.sampleRate());
    }

    @Test
    void anL16CallAskedForMuLawSendsItsL16Untranscoded() {
        assertEquals(RecognizerEncoding.LINEAR16_8K, RecognizerEncoding.MULAW_8K.sentFor(SampleFormat.L16));
        assertEquals(RecognizerEncoding.MULAW_8K, RecognizerEncoding.MULAW_8K.sentFor(SampleFormat.PCMU));
        assertEquals(RecognizerEncoding.LINEAR16_16K, RecognizerEncoding.LINEAR16_16K.sentFor(SampleFormat.L16));
        assertThrows(IllegalArgumentException.class,
                () -> new RecognizerAudio(SampleFormat.L16, RecognizerEncoding.MULAW_8K));

        RecognizerAudio l16 = new RecognizerAudio(SampleFormat.L16, RecognizerEncoding.LINEAR16_8K);
        byte[] frame = { 1, 2, 3, 4 };
        assertSame(frame, l16.convert(frame), "nothing to do: no copy either");
    }

    @Test
    void muLawPassesThroughUntouched() {
        RecognizerAudio audio = new RecognizerAudio(SampleFormat.PCMU, RecognizerEncoding.MULAW_8K);
        byte[] frame = muLawRamp(1600);
        assertSame(frame, audio.convert(frame));
        assertEquals(1600, audio.convertedLength(1600));
    }

    @Test
    void muLawBecomesLittleEndianLinear16AtTheSameRate() {
        RecognizerAudio audio = new RecognizerAudio(SampleFormat.PCMU, RecognizerEncoding.LINEAR16_8K);
        byte[] frame = muLawRamp(1600);
        byte[] out = audio.convert(frame);
        assertEquals(3200, out.length);
        assertEquals(3200, audio.convertedLength(1600));
        short[] back = new short[1600];
        Linear16.decode(out, 0, 1600, back, 0);
        for (int i = 0; i < frame.length; i++) {
            assertEquals(MuLaw.decode(frame[i]), back[i], "sample " + i);
        }
    }

    @Test
    void sixteenKilohertzIsTheUpsampledDecodingFourBytesPerTimelineSampleWithStateAcrossFrames() {
        byte[] call = muLawRamp(4000);
        short[] decoded = AudioDecoder.decode(SampleFormat.PCMU, call, 0, call.length);
        short[] expected = new short[2 * decoded.length];
        new Upsampler2x().process(decoded, 0, decoded.length, expected, 0);

        RecognizerAudio audio = new RecognizerAudio(SampleFormat.PCMU, RecognizerEncoding.LINEAR16_16K);
        short[] got = new short[expected.length];
        int at = 0;
        for (int size : new int[] { 1600, 800, 1, 999, 600 }) {
            byte[] out = audio.convert(java.util.Arrays.copyOfRange(call, at, at + size));
            assertEquals(4 * size, out.length);
            assertEquals(4 * size, audio.convertedLength(size));
            Linear16.decode(out, 0, 2 * size, got, 2 * at);
            at += size;
        }
        assertArrayEquals(expected, got);

        RecognizerAudio l16 = new RecognizerAudio(SampleFormat.L16, RecognizerEncoding.LINEAR16_16K);
        assertEquals(640, l16.convert(new byte[320]).length);
        assertEquals(640, l16.convertedLength(320));
    }
}
