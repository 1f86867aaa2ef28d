package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.audiohook.connector.audio.MuLaw;

class AudioChunkDecoderTest {
    /** Every call to the sink, copied: the decoder reuses its buffer. */
    private final List<short[]> chunks = new ArrayList<>();
    private final AudioChunkDecoder.Samples sink = (pcm, offset, length) ->
            chunks.add(Arrays.copyOfRange(pcm, offset, offset + length));

    @Test
    void muLawHasOneSampleAByte() {
        AudioChunkDecoder decoder = new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_MULAW, 8000, sink);
        byte[] bytes = {(byte) 0xFF, 0x00, 0x7F, (byte) 0x80};
        decoder.decode(bytes);
        short[] expected = new short[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            expected[i] = MuLaw.decode(bytes[i]);
        }
        assertArrayEquals(expected, chunks.get(0));
    }

    @Test
    void anOddLinear16ByteWaitsForItsPartner() {
        AudioChunkDecoder decoder = new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_LINEAR_16, 8000, sink);
        decoder.decode(new byte[] {0x34, 0x12, 0x78});
        decoder.decode(new byte[] {0x56});
        decoder.decode(new byte[] {(byte) 0xFF});
        decoder.decode(new byte[] {(byte) 0xFF, 0x01, 0x00});

        assertArrayEquals(new short[] {0x1234}, chunks.get(0));
        assertArrayEquals(new short[] {0x5678}, chunks.get(1));
        assertArrayEquals(new short[0], chunks.get(2), "half a sample is no sample yet");
        assertArrayEquals(new short[] {-1, 1}, chunks.get(3));
    }

    @Test
    void chunksLargerThanTheBufferAreDecodedWhole() {
        AudioChunkDecoder decoder = new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_MULAW, 8000, sink);
        decoder.decode(new byte[8000]);
        assertEquals(8000, chunks.get(0).length);
    }

    @Test
    void durationCountsWholeSamplesAt8kHz() {
        AudioChunkDecoder muLaw = new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_MULAW, 8000, sink);
        AudioChunkDecoder linear16 = new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_LINEAR_16, 8000, sink);
        assertEquals(1_000_000_000L, muLaw.durationNanos(8000));
        assertEquals(1_000_000_000L, linear16.durationNanos(16000));
        assertEquals(125_000L, linear16.durationNanos(3), "the odd byte plays no time yet");
    }

    @Test
    void sixteenKilohertzReachesTheDetectorAsPairsAveragedAt8kHzAndPlaysAtTheDeclaredRate() {
        AudioChunkDecoder decoder = new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_LINEAR_16, 16000, sink);
        // samples 100, 300 | 1000, -1000 | 7 ... : three and a half pairs, then the half pair's partner and one more
        decoder.decode(new byte[] {100, 0, 44, 1, (byte) 0xE8, 0x03, 0x18, (byte) 0xFC, 7, 0});
        decoder.decode(new byte[] {9, 0, 0x10, 0x27, 0x10});
        decoder.decode(new byte[] {0x27});
        assertArrayEquals(new short[] {200, 0}, chunks.get(0));
        assertArrayEquals(new short[] {8}, chunks.get(1), "7 waited for 9; 10000 waits for its pair");
        assertArrayEquals(new short[] {10000}, chunks.get(2), "10000 and 10000, the odd byte done");

        assertEquals(1_000_000_000L, decoder.durationNanos(32000), "one second is 32 000 bytes at 16 kHz");
        assertEquals(62_500L, decoder.durationNanos(2));
    }

    @Test
    void onlyTheRatesTheRulesAdmitAreDecoded() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AudioChunkDecoder(AudioEncoding.AUDIO_ENCODING_LINEAR_16, 44100, sink));
    }
}
