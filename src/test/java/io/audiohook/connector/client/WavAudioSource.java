package io.audiohook.connector.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.audio.WavFile;

/** Streams a parsed WAV file; the sample data is shared, each source only owns its cursor. */
public final class WavAudioSource implements AudioSource {

    private final Wav wav;
    private int offset;

    public WavAudioSource(Wav wav) {
        this.wav = wav;
    }

    public static WavAudioSource fromResource(String resource) {
        return new WavAudioSource(Wav.fromResource(resource));
    }

    @Override
    public AudioEncoding encoding() {
        return wav.encoding();
    }

    @Override
    public int channels() {
        return wav.channels();
    }

    @Override
    public int sampleRate() {
        return wav.sampleRate();
    }

    @Override
    public byte[] nextFrame(int samplesPerChannel) {
        int remaining = wav.data.length - offset;
        if (remaining <= 0) {
            return null;
        }
        int length = Math.min(remaining, samplesPerChannel * wav.frameBytes());
        byte[] frame = Arrays.copyOfRange(wav.data, offset, offset + length);
        offset += length;
        return frame;
    }

    /**
     * An immutable decoded WAV file: header facts plus the raw interleaved sample bytes; the project's {@link WavFile}
     * in the client's terms, which tests can also make from bytes of their own.
     */
    public record Wav(AudioEncoding encoding, int channels, int sampleRate, byte[] data) {

        public WavFile file() {
            return new WavFile(SampleFormat.valueOf(encoding.name()), channels, sampleRate, data);
        }

        public int frameBytes() {
            return file().frameBytes();
        }

        public long samplesPerChannel() {
            return file().samplesPerChannel();
        }

        public Duration duration() {
            return file().duration();
        }

        public WavAudioSource newSource() {
            return new WavAudioSource(this);
        }

        public static Wav fromResource(String resource) {
            try (InputStream in = WavAudioSource.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no such resource " + resource);
                }
                return parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Wav fromFile(Path path) {
            try {
                return parse(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The one WAV reader of the project ({@link WavFile}), in the client's terms. */
        public static Wav parse(byte[] file) {
            WavFile wav = WavFile.parse(file);
            return new Wav(AudioEncoding.valueOf(wav.format().name()), wav.channels(), wav.sampleRate(), wav.data());
        }
    }
}
