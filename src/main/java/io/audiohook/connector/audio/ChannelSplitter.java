package io.audiohook.connector.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Splits an AudioHook binary frame, interleaved per sample instant ({@code ch0 s0, ch1 s0, ch0 s1,
 * ...}), into one encoded byte run per channel. Channel index follows the order of the
 * {@code channels} array of the media the server selected; mapping indices to participants is
 * the caller's job.
 *
 * <p>Instances are immutable and may be shared between sessions that negotiated the same layout.
 */
public final class ChannelSplitter {

    private final int channels;
    private final SampleFormat format;
    private final int bytesPerSample;
    private final int frameBytes;

    public ChannelSplitter(int channels, SampleFormat format) {
        Objects.requireNonNull(format, "format");
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, was " + channels);
        }
        this.channels = channels;
        this.format = format;
        this.bytesPerSample = format.bytesPerSample();
        this.frameBytes = Math.multiplyExact(channels, bytesPerSample);
    }

    public int channels() {
        return channels;
    }

    public SampleFormat format() {
        return format;
    }

    /** Bytes per sample instant across all channels. */
    public int frameBytes() {
        return frameBytes;
    }

    /**
     * Whether a binary message of {@code len} bytes holds a positive whole number of sample
     * instants. Stricter than the reference server, which only checked L16 stereo for evenness.
     */
    public boolean isValidLength(int len) {
        return len > 0 && len % frameBytes == 0;
    }

    /** Samples per channel in a valid frame of {@code len} bytes. */
    public int samplesPerChannel(int len) {
        checkLength(len);
        return len / frameBytes;
    }

    /**
     * Allocating form: one new array per channel. Mono returns a copy so the caller may keep it
     * after the transport recycles its buffer.
     */
    public byte[][] split(byte[] frame, int off, int len) {
        checkLength(len);
        Objects.checkFromIndexSize(off, len, frame.length);
        int perChannel = len / channels;
        byte[][] out = new byte[channels][];
        if (channels == 1) {
            out[0] = Arrays.copyOfRange(frame, off, off + len);
            return out;
        }
        for (int c = 0; c < channels; c++) {
            out[c] = new byte[perChannel];
        }
        deinterleave(frame, off, len, out, 0);
        return out;
    }

    /**
     * Allocation-free form: writes channel {@code c} into {@code dst[c]} starting at {@code dstOff}.
     * Reusing the destination arrays across frames is the intended use on the receive path.
     *
     * @return bytes written into each channel array
     */
    public int split(byte[] frame, int off, int len, byte[][] dst, int dstOff) {
        checkLength(len);
        Objects.checkFromIndexSize(off, len, frame.length);
        if (dst.length < channels) {
            throw new IllegalArgumentException(
                    "need " + channels + " destination arrays, got " + dst.length);
        }
        int perChannel = len / channels;
        for (int c = 0; c < channels; c++) {
            Objects.checkFromIndexSize(dstOff, perChannel, dst[c].length);
        }
        deinterleave(frame, off, len, dst, dstOff);
        return perChannel;
    }

    private void deinterleave(byte[] frame, int off, int len, byte[][] dst, int dstOff) {
        if (channels == 1) {
            System.arraycopy(frame, off, dst[0], dstOff, len);
        } else if (channels == 2 && bytesPerSample == 1) {
            // Stereo PCMU is what Genesys sends on every call; keep this loop trivial for the JIT.
            byte[] a = dst[0];
            byte[] b = dst[1];
            int end = off + len;
            for (int s = off, d = dstOff; s < end; s += 2, d++) {
                a[d] = frame[s];
                b[d] = frame[s + 1];
            }
        } else if (channels == 2 && bytesPerSample == 2) {
            byte[] a = dst[0];
            byte[] b = dst[1];
            int end = off + len;
            for (int s = off, d = dstOff; s < end; s += 4, d += 2) {
                a[d] = frame[s];
                a[d + 1] = frame[s + 1];
                b[d] = frame[s + 2];
                b[d + 1] = frame[s + 3];
            }
        } else {
            int instants = len / frameBytes;
            for (int c = 0; c < channels; c++) {
                byte[] out = dst[c];
                int s = off + c * bytesPerSample;
                int d = dstOff;
                for (int i = 0; i < instants; i++, s += frameBytes) {
                    for (int k = 0; k < bytesPerSample; k++) {
                        out[d++] = frame[s + k];
                    }
                }
            }
        }
    }

    private void checkLength(int len) {
        if (!isValidLength(len)) {
            String unit = bytesPerSample == 1 ? " byte" : " bytes";
            String reason = len <= 0 ? "is empty" : "is not a multiple of " + frameBytes;
            throw new IllegalArgumentException("frame of " + len + " bytes " + reason + " ("
                    + channels + (channels == 1 ? " channel × " : " channels × ") + bytesPerSample + unit + ")");
        }
    }
}
