package io.audiohook.connector.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A WAV file as AudioHook can stream it: 8000 Hz, one or two channels, G.711 µ-law or 16-bit PCM, with its
 * interleaved sample bytes. The demo caller streams the bundled recording with it, and the test client reads
 * its fixtures with it, so there is one reader of the format.
 *
 * @param data the sample bytes, trimmed to whole sample frames; shared, not copied: do not modify
 */
public record WavFile(SampleFormat format, int channels, int sampleRate, byte[] data) {

    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_MULAW = 7;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    /** Bytes of one sample instant across all channels. */
    public int frameBytes() {
        return format.bytesPerSample() * channels;
    }

    public long samplesPerChannel() {
        return data.length / frameBytes();
    }

    public Duration duration() {
        return Duration.ofNanos(samplesPerChannel() * 1_000_000_000L / sampleRate);
    }

    /**
     * Walks the RIFF chunks, so fact/LIST chunks and extended fmt chunks (sox writes both) are skipped.
     *
     * @throws IllegalArgumentException when the file is no WAV file AudioHook could carry, saying why
     */
    public static WavFile parse(byte[] file) {
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
                SampleFormat sampleFormat = formatOf(format, bits);
                if (channels < 1 || channels > 2) {
                    throw new IllegalArgumentException("unsupported channel count " + channels);
                }
                if (rate != 8000) {
                    throw new IllegalArgumentException("AudioHook needs 8000 Hz, file has " + rate);
                }
                int frameBytes = sampleFormat.bytesPerSample() * channels;
                int usable = (end - body) / frameBytes * frameBytes;
                return new WavFile(sampleFormat, channels, rate, Arrays.copyOfRange(file, body, body + usable));
            }
            pos = body + (int) size + (int) (size & 1); // chunks are word aligned
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static SampleFormat formatOf(int format, int bits) {
        if (format == WAVE_FORMAT_MULAW && bits == 8) {
            return SampleFormat.PCMU;
        }
        if (format == WAVE_FORMAT_PCM && bits == 16) {
            return SampleFormat.L16;
        }
        throw new IllegalArgumentException("unsupported WAV format " + format + " with " + bits + " bits");
    }

    private static String tag(byte[] file, int pos) {
        return new String(file, pos, 4, StandardCharsets.US_ASCII);
    }
}
