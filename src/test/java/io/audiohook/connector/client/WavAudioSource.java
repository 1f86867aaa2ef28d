package io.audiohook.connector.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Streams a parsed WAV file; the sample data is shared, each source only owns its cursor. */
public final class WavAudioSource implements AudioSource {

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_MULAW = 7;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

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

    /** An immutable decoded WAV file: header facts plus the raw interleaved sample bytes. */
    public record Wav(AudioEncoding encoding, int channels, int sampleRate, byte[] data) {

        public int frameBytes() {
            return encoding.bytesPerSample() * channels;
        }

        public long samplesPerChannel() {
            return data.length / frameBytes();
        }

        public Duration duration() {
            return Duration.ofNanos(samplesPerChannel() * 1_000_000_000L / sampleRate);
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

        /** Walks the RIFF chunks so fact/LIST chunks and extended fmt chunks (sox writes both) are skipped. */
        public static Wav parse(byte[] file) {
            ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            if (file.length < 12 || !tag(file, 0).equals("RIFF") || !tag(file, 8).equals("WAVE")) {
                throw new IllegalArgumentException("not a RIFF/WAVE file");
            }
            Integer format = null;
            int channels = 0;
            int rate = 0;
            int bits = 0;
            int pos = 12;
            while (pos + 8 <= file.length) {
                String id = tag(file, pos);
                long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
                int body = pos + 8;
                if (id.equals("fmt ")) {
                    format = buf.getShort(body) & 0xFFFF;
                    channels = buf.getShort(body + 2) & 0xFFFF;
                    rate = buf.getInt(body + 4);
                    bits = buf.getShort(body + 14) & 0xFFFF;
                    if (format == WAVE_FORMAT_EXTENSIBLE && size >= 40) {
                        format = buf.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                    }
                } else if (id.equals("data")) {
                    if (format == null) {
                        throw new IllegalArgumentException("data chunk before fmt chunk");
                    }
                    int end = (int) Math.min(file.length, body + size);
                    AudioEncoding encoding = encodingOf(format, bits);
                    if (channels < 1 || channels > 2) {
                        throw new IllegalArgumentException("unsupported channel count " + channels);
                    }
                    if (rate != 8000) {
                        throw new IllegalArgumentException("AudioHook needs 8000 Hz, file has " + rate);
                    }
                    int frameBytes = encoding.bytesPerSample() * channels;
                    int usable = (end - body) / frameBytes * frameBytes;
                    return new Wav(encoding, channels, rate, Arrays.copyOfRange(file, body, body + usable));
                }
                pos = body + (int) size + (int) (size & 1); // chunks are word aligned
            }
            throw new IllegalArgumentException("no data chunk");
        }

        private static AudioEncoding encodingOf(int format, int bits) {
            if (format == WAVE_FORMAT_MULAW && bits == 8) {
                return AudioEncoding.PCMU;
            }
            if (format == WAVE_FORMAT_PCM && bits == 16) {
                return AudioEncoding.L16;
            }
            throw new IllegalArgumentException("unsupported WAV format " + format + " with " + bits + " bits");
        }

        private static String tag(byte[] file, int pos) {
            return new String(file, pos, 4, StandardCharsets.US_ASCII);
        }
    }
}
