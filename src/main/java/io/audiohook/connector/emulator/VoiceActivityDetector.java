package io.audiohook.connector.emulator;

/**
 * Energy-based voice activity detection that cuts a party's audio into utterances, the way a
 * streaming recognizer's endpointer does, only far cruder: 20 ms windows whose RMS reaches a
 * threshold count as voiced; an utterance starts at the first voiced window, is confirmed once it
 * holds {@link #MIN_SPEECH_MS} of voiced windows (shorter blips are dropped unreported) and ends when
 * {@link #HANGOVER_MS} pass without a voiced window. Its end is the end of its last voiced window, so
 * the hangover does not leak into the timings.
 *
 * <p>Positions are sample counts since the first sample fed. Not thread-safe: one per stream.
 */
final class VoiceActivityDetector {
    static final int WINDOW_MS = 20;
    /** About -38 dBFS: above line noise and comfort noise, below any spoken syllable. */
    static final double RMS_THRESHOLD = 400;
    static final int MIN_SPEECH_MS = 100;
    /** Longer than the pause between two sentences of one turn (espeak: up to ~400 ms), shorter than a turn gap. */
    static final int HANGOVER_MS = 600;

    /** What the detector reports; positions in samples since the first sample fed. */
    interface Listener {
        /** An utterance is confirmed; it started at {@code start}. */
        void speechStarted(long start);

        /** Another voiced window of a confirmed utterance ended at {@code voicedEnd}. */
        void speaking(long start, long voicedEnd);

        /** The utterance that started at {@code start} ended; its last voiced window ended at {@code end}. */
        void utteranceEnded(long start, long end);
    }

    private final Listener listener;
    private final int windowSamples;
    private final int hangoverWindows;
    private final int minSpeechWindows;
    private final double thresholdSquareSum;

    private long position;
    private int windowFill;
    private double windowSquareSum;

    private boolean inUtterance;
    private boolean confirmed;
    private long utteranceStart;
    private long lastVoicedEnd;
    private int voicedWindows;
    private int silentWindows;

    VoiceActivityDetector(int sampleRate, Listener listener) {
        this.listener = listener;
        this.windowSamples = sampleRate * WINDOW_MS / 1000;
        this.hangoverWindows = HANGOVER_MS / WINDOW_MS;
        this.minSpeechWindows = MIN_SPEECH_MS / WINDOW_MS;
        // Comparing sums of squares avoids a square root per window.
        this.thresholdSquareSum = RMS_THRESHOLD * RMS_THRESHOLD * windowSamples;
    }

    void accept(short[] samples, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int sample = samples[i];
            windowSquareSum += (double) sample * sample;
            position++;
            if (++windowFill == windowSamples) {
                window(windowSquareSum >= thresholdSquareSum);
                windowFill = 0;
                windowSquareSum = 0;
            }
        }
    }

    /** The audio ended: an utterance in progress ends now if it was long enough to count. */
    void finish() {
        if (inUtterance && confirmed) {
            listener.utteranceEnded(utteranceStart, lastVoicedEnd);
        }
        inUtterance = false;
        confirmed = false;
    }

    boolean inUtterance() {
        return inUtterance && confirmed;
    }

    long position() {
        return position;
    }

    private void window(boolean voiced) {
        if (voiced) {
            if (!inUtterance) {
                inUtterance = true;
                confirmed = false;
                utteranceStart = position - windowSamples;
                voicedWindows = 0;
            }
            voicedWindows++;
            silentWindows = 0;
            lastVoicedEnd = position;
            if (!confirmed && voicedWindows >= minSpeechWindows) {
                confirmed = true;
                listener.speechStarted(utteranceStart);
            }
            if (confirmed) {
                listener.speaking(utteranceStart, lastVoicedEnd);
            }
        } else if (inUtterance && ++silentWindows >= hangoverWindows) {
            if (confirmed) {
                listener.utteranceEnded(utteranceStart, lastVoicedEnd);
            }
            inUtterance = false;
            confirmed = false;
        }
    }
}
