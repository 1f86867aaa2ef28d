package io.audiohook.connector.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;

import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.audio.WavFile;

/**
 * The bundled two-party call ({@code demo/two-party-call.pcmu.wav}, script in {@code two-party-call.txt}): stereo
 * PCMU at 8 kHz, the customer on the first (external) channel, the agent on the second (internal). Read once and
 * shared by every call; each call keeps only its own cursor.
 */
final class Recording {
    static final String RESOURCE = "/demo/two-party-call.pcmu.wav";

    /** 20 ms: what a telephony stack sends, so the service sees audio as steadily as from Genesys. */
    static final Duration FRAME = Duration.ofMillis(20);

    private final WavFile wav;
    private final int frameBytes;

    private Recording(WavFile wav) {
        if (wav.format() != SampleFormat.PCMU || wav.channels() != 2) {
            throw new IllegalStateException("the demo recording must be stereo PCMU, is " + wav);
        }
        this.wav = wav;
        this.frameBytes = (int) (FRAME.toNanos() * wav.sampleRate() / 1_000_000_000L) * wav.frameBytes();
    }

    /** Loaded on first use; a missing or broken resource is a broken build, not a bad input. */
    static Recording bundled() {
        return Holder.BUNDLED;
    }

    /** The frame that starts at {@code offset} bytes (the last one may be shorter); null past the end. */
    byte[] frameAt(int offset) {
        if (offset >= wav.data().length) {
            return null;
        }
        return Arrays.copyOfRange(wav.data(), offset, Math.min(wav.data().length, offset + frameBytes));
    }

    /** Bytes of one sample instant on both channels. */
    int bytesPerSample() {
        return wav.frameBytes();
    }

    Duration duration() {
        return wav.duration();
    }

    private static final class Holder {
        static final Recording BUNDLED = load();

        private static Recording load() {
            try (InputStream in = Recording.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                return new Recording(WavFile.parse(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
