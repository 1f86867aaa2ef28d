package io.audiohook.connector.audio;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audio encodings the connector can send to the recognizer (Dialogflow's {@code InputAudioConfig}). Genesys
 * sends 8 kHz telephony audio; Google's newest speech models (Chirp 3, Gemini live transcription) recommend
 * LINEAR16 at 16 kHz, older ones take the µ-law as it comes.
 *
 * <p>Every byte↔time computation downstream of the conversion counts in {@link #bytesPerTimelineSample()}, bytes
 * per 1/8000 s of audio (one sample of the AudioHook timeline, {@link Timeline#RATE}), so that positions on the
 * timeline and the recognizer's offsets agree whatever the rate sent.
 */
public enum RecognizerEncoding {

    /** G.711 µ-law at 8 kHz: what Genesys sends, untranscoded. */
    MULAW_8K("mulaw-8k", 8000, 1),

    /** Signed 16-bit little-endian PCM at 8 kHz: µ-law decoded, nothing resampled. */
    LINEAR16_8K("linear16-8k", 8000, 2),

    /** Signed 16-bit little-endian PCM at 16 kHz: decoded and upsampled twofold ({@link Upsampler2x}). */
    LINEAR16_16K("linear16-16k", 16000, 2);

    private final String wireName;
    private final int sampleRate;
    private final int bytesPerSample;

    RecognizerEncoding(String wireName, int sampleRate, int bytesPerSample) {
        this.wireName = wireName;
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
    }

    /** How settings and {@code customConfig.audioEncoding} spell it. */
    public String wireName() {
        return wireName;
    }

    /** What {@code sample_rate_hertz} declares. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Bytes of one sample at {@link #sampleRate()}. */
    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Bytes of 1/8000 s of audio (one AudioHook timeline sample): 1, 2 or 4. */
    public int bytesPerTimelineSample() {
        return bytesPerSample * sampleRate / Timeline.RATE;
    }

    /** Bytes of one second of audio of one channel. */
    public int bytesPerSecond() {
        return bytesPerSample * sampleRate;
    }

    public boolean isMuLaw() {
        return this == MULAW_8K;
    }

    /**
     * What is really sent for a call that negotiated {@code received}: µ-law cannot be made of L16 without loss, so
     * an L16 call configured for {@code mulaw-8k} (the "no conversion" choice) sends its L16 untranscoded, as
     * LINEAR16 at 8 kHz.
     */
    public RecognizerEncoding sentFor(SampleFormat received) {
        return this == MULAW_8K && received == SampleFormat.L16 ? LINEAR16_8K : this;
    }

    /** Exactly as written, like the other {@code customConfig} values (the published schema's {@code enum}). */
    public static Optional<RecognizerEncoding> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }

    /** The wire names, for messages that say what is accepted: {@code mulaw-8k, linear16-8k, linear16-16k}. */
    public static String wireNames() {
        return Arrays.stream(values()).map(RecognizerEncoding::wireName).collect(Collectors.joining(", "));
    }
}
