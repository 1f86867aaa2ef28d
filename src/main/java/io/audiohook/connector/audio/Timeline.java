package io.audiohook.connector.audio;

import io.audiohook.connector.protocol.Durations;
import java.time.Duration;
import java.util.Arrays;

/**
 * Tracks one session's position in the AudioHook stream, in integer samples per channel at
 * {@value #RATE} Hz, and maps indices of received samples back to stream positions (the time base
 * of transcript offsets).
 *
 * <p>The client's position is the audio it sent plus every gap it skipped (discards, pauses). The
 * server sees the audio, sees gap announcements ({@code discarded}, {@code resumed.discarded}) and
 * sees the client's own {@code position} on every text message. Announcements are not reliable on
 * their own: Genesys' test client sends synthetic {@code discarded} messages for audio it did not
 * drop, and its file source freezes its position during a pause. Because text and binary frames
 * travel in order on one socket, a text message's {@code position} is exact for everything sent
 * before it, so that is what this class treats as the truth.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Audio</b> advances the position one-for-one.</li>
 *   <li><b>{@link #onGap}</b> only records a <em>pending</em> gap, which {@link #resync} then
 *       supersedes: the client's position already includes any real skip, and the announcement
 *       only serves to predict it (so that agreeing resyncs are not counted as corrections).
 *       Without a resync, the next audio frame confirms the pending gap (the client said it
 *       skipped, then carried on) - unless a resync happened after the last frame, because then
 *       the announcement may belong to the message whose position was just adopted and applying
 *       it would count the same skip twice. The caller may therefore handle a message's gap and
 *       its position in either order.</li>
 *   <li><b>{@link #resync}(p)</b>: if {@code p} is ahead of {@link #position()}, the difference is
 *       audio the client skipped without (accurately) telling us; it becomes a gap and the position
 *       jumps to {@code p}. If {@code p} is behind, the position does <em>not</em> move back: samples
 *       already handed out must keep their positions and transcript offsets must never decrease.
 *       The shortfall is kept as {@link #clientLagSamples() lag} and absorbed by the next gaps the
 *       client really takes, so the two timelines re-converge instead of drifting further apart.
 *       Hence after {@code resync(p)}, {@code position() == max(p, position before)}.</li>
 * </ul>
 * Consequently {@code position()} never decreases and is always at least {@link #samplesReceived()}.
 *
 * <p>Not thread-safe: a session's frames and messages are processed in order by one caller.
 * Nothing here allocates per frame; the gap history behind {@link #positionOf} grows only when a
 * gap is committed and is capped at {@value #MAX_BREAKPOINTS} entries.
 */
public final class Timeline {

    /** AudioHook v2 only negotiates 8 kHz. */
    public static final int RATE = 8000;

    // Bounds memory against a peer that announces a gap before every frame; see compact().
    static final int MAX_BREAKPOINTS = 1024;

    private long received;
    private long gaps;
    private long pending;
    private boolean resyncedSinceAudio;
    private long lag;
    private long corrections;

    // Piecewise map from received-sample index to position: from breakSample[k] onwards, the
    // position is index + breakOffset[k]. Appended only when a gap is committed.
    private long[] breakSample = new long[4];
    private long[] breakOffset = new long[4];
    private int breaks;
    // Offset in force before the oldest retained breakpoint (non-zero only after compaction).
    private long baseOffset;

    /**
     * Accounts for a frame of {@code samplesPerChannel} samples.
     *
     * @return the stream position of the frame's first sample
     */
    public long onAudio(int samplesPerChannel) {
        if (samplesPerChannel < 0) {
            throw new IllegalArgumentException("negative sample count: " + samplesPerChannel);
        }
        if (samplesPerChannel == 0) {
            // An empty frame says nothing about whether the client carried on after a gap.
            return position();
        }
        if (pending != 0 && !resyncedSinceAudio) {
            moveClientTo(position() - lag + pending);
        }
        pending = 0;
        long start = position();
        received += samplesPerChannel;
        resyncedSinceAudio = false;
        return start;
    }

    /** Announces that the client skipped {@code samples} of stream (see the class rules). */
    public void onGap(long samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("negative gap: " + samples);
        }
        pending = Math.addExact(pending, samples);
    }

    /** Adopts the client's reported position (in samples) as the truth (see the class rules). */
    public void resync(long clientPositionSamples) {
        if (clientPositionSamples < 0) {
            throw new IllegalArgumentException("negative client position: " + clientPositionSamples);
        }
        long predicted = position() - lag + pending;
        if (clientPositionSamples != predicted) {
            corrections++;
        }
        moveClientTo(clientPositionSamples);
        pending = 0;
        resyncedSinceAudio = true;
    }

    private void moveClientTo(long clientPosition) {
        long position = position();
        if (clientPosition >= position) {
            commitGap(clientPosition - position);
            lag = 0;
        } else {
            lag = position - clientPosition;
        }
    }

    private void commitGap(long samples) {
        if (samples == 0) {
            return;
        }
        gaps = Math.addExact(gaps, samples);
        if (breaks > 0 && breakSample[breaks - 1] == received) {
            breakOffset[breaks - 1] = gaps;
            return;
        }
        if (breaks == breakSample.length) {
            if (breaks >= MAX_BREAKPOINTS) {
                compact();
            } else {
                breakSample = Arrays.copyOf(breakSample, breaks * 2);
                breakOffset = Arrays.copyOf(breakOffset, breaks * 2);
            }
        }
        breakSample[breaks] = received;
        breakOffset[breaks] = gaps;
        breaks++;
    }

    // Forgets the older half of the history. Only positionOf() for samples that old becomes
    // approximate (it then reports them as if they followed the last forgotten gap); offsets the
    // recogniser asks about are recent, so this is acceptable for a pathological peer.
    private void compact() {
        int drop = breaks / 2;
        baseOffset = breakOffset[drop - 1];
        System.arraycopy(breakSample, drop, breakSample, 0, breaks - drop);
        System.arraycopy(breakOffset, drop, breakOffset, 0, breaks - drop);
        breaks -= drop;
    }

    /** Where the next received sample will be placed, unless a pending gap is confirmed first. */
    public long position() {
        return received + gaps;
    }

    /** Samples per channel received so far. */
    public long samplesReceived() {
        return received;
    }

    /** Total stream skipped so far without audio: confirmed announcements plus resync jumps. */
    public long gapSamples() {
        return gaps;
    }

    /** Gap announced by {@link #onGap} since the last frame or resync; not part of the position. */
    public long pendingGapSamples() {
        return pending;
    }

    /**
     * How far {@link #position()} is ahead of the client's last reported position; non-zero only
     * after the client reported a position behind ours (typically after a synthetic discard).
     */
    public long clientLagSamples() {
        return lag;
    }

    /** Number of resyncs whose position differed from what audio, announcements and lag predicted. */
    public long resyncCorrections() {
        return corrections;
    }

    /**
     * Stream position of received sample number {@code sampleIndex} (0-based, per channel). For an
     * exclusive end index that coincides with a gap, use {@code positionOf(end - 1) + 1} so the
     * span does not stretch across the gap.
     */
    public long positionOf(long sampleIndex) {
        if (sampleIndex < 0 || sampleIndex > received) {
            throw new IllegalArgumentException(
                    "sample index " + sampleIndex + " outside received range [0, " + received + "]");
        }
        int k = Arrays.binarySearch(breakSample, 0, breaks, sampleIndex);
        if (k < 0) {
            k = -k - 2; // last breakpoint at or before sampleIndex
        }
        return sampleIndex + (k >= 0 ? breakOffset[k] : baseOffset);
    }

    public static long samplesToNanos(long samples, int rate) {
        return Durations.toNanos(samples, rate);
    }

    /** Rounded to the nearest sample. */
    public static long nanosToSamples(long nanos, int rate) {
        return Durations.toSamples(nanos, rate);
    }

    public static Duration samplesToDuration(long samples, int rate) {
        return Duration.ofNanos(Durations.toNanos(samples, rate));
    }

    /** Rounded to the nearest sample; the duration must not be negative. */
    public static long durationToSamples(Duration duration, int rate) {
        return Durations.toSamples(duration.toNanos(), rate);
    }
}
