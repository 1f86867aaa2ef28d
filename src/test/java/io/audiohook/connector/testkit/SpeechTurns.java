package io.audiohook.connector.testkit;

import java.util.ArrayList;
import java.util.List;

import io.audiohook.connector.client.G711;
import io.audiohook.connector.client.WavAudioSource;

/**
 * Where a recording's speech is, per channel, read from the audio itself: the spans of samples that are not
 * (near) silence, with pauses shorter than {@code bridge} inside one span (the pause between two sentences of one
 * turn). What transcript offsets are checked against; independent of the emulator's own detector.
 */
public final class SpeechTurns {
    /** Linear amplitude under which a sample counts as silence (the fixture's listening party is digital silence). */
    static final int SILENCE = 8;

    private SpeechTurns() {
    }

    /** A span of speech, in seconds of the recording. */
    public record Span(double start, double end) {
    }

    /** The speech of channel {@code slot} of an interleaved µ-law recording. */
    public static List<Span> of(WavAudioSource.Wav wav, int slot, double bridgeSeconds) {
        byte[] data = wav.data();
        int channels = wav.channels();
        long bridge = Math.round(bridgeSeconds * wav.sampleRate());
        List<Span> spans = new ArrayList<>();
        long start = -1;
        long last = -1;
        for (long i = 0; i * channels + slot < data.length; i++) {
            if (Math.abs(G711.ulawToLinear(data[(int) (i * channels + slot)])) <= SILENCE) {
                continue;
            }
            if (start < 0) {
                start = i;
            } else if (i - last > bridge) {
                spans.add(new Span(start / (double) wav.sampleRate(), (last + 1) / (double) wav.sampleRate()));
                start = i;
            }
            last = i;
        }
        if (start >= 0) {
            spans.add(new Span(start / (double) wav.sampleRate(), (last + 1) / (double) wav.sampleRate()));
        }
        return spans;
    }
}
