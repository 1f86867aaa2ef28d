package io.audiohook.connector.audio;

import java.util.Objects;

/**
 * Doubles the sample rate of 16-bit audio (8 kHz telephony → 16 kHz) with a band-limited polyphase FIR
 * interpolator, so that a recognizer told "16 kHz" hears the call's speech and not the mirror image of it that
 * plain sample repetition or linear interpolation leaves between 4 and 8 kHz.
 *
 * <h2>The filter</h2>
 * A half-band low-pass at 4 kHz (a quarter of the output rate): a windowed sinc, {@value #TAPS} × 2 − 1 taps at
 * 16 kHz, Kaiser window with β = {@value #KAISER_BETA}. Half-band means every other tap is zero except the centre
 * one, so of the two polyphase branches one is a pure delay (the even output samples are the input samples) and
 * only the other, {@value #TAPS} taps, is computed: 32 multiply-adds per input sample. Designed response: within
 * ±0.003 dB up to 3.4 kHz, and at least 70 dB down from 4.6 kHz (the image of 3.4 kHz) to 8 kHz
 * ({@code Upsampler2xTest} measures it). The interpolating branch is normalised to a DC gain of exactly 1, the
 * same as the delay branch, so that no 8 kHz ripple appears on steady input.
 *
 * <h2>Arithmetic</h2>
 * Float: its 24-bit mantissa keeps rounding about 140 dB under full scale, far below both the filter's 70 dB
 * stopband and the 96 dB of the 16-bit output, and 32 float multiply-adds per sample cost a JIT-compiled loop no
 * more than Q15 integers would, without their overflow care. Output is rounded and clamped to 16 bits (the sinc's
 * overshoot on a full-scale step would otherwise wrap).
 *
 * <h2>Delay and state</h2>
 * The output lags the input by {@value #DELAY} input samples (2 ms): the filter's group delay, not compensated, so
 * that every call of {@link #process} writes exactly twice as many samples as it reads and a frame's output keeps
 * its frame's place on the timeline (2 ms is far under anything a transcript offset resolves). The last
 * {@value #TAPS} input samples are carried from one call to the next, so a stream processed frame by frame gives
 * exactly what it gives processed at once. One instance per audio channel; not thread-safe; allocates nothing
 * after construction.
 */
public final class Upsampler2x {

    /** Taps of the interpolating branch; also the input samples the filter remembers. */
    static final int TAPS = 32;
    /** Input samples the output lags behind the input. */
    public static final int DELAY = TAPS / 2;
    static final double KAISER_BETA = 7.0;

    /** Coefficient {@code t} weighs the t-th oldest of the last {@value #TAPS} inputs; symmetric. */
    private static final float[] INTERPOLATING = design();

    /**
     * The last {@value #TAPS} inputs, twice: sample k is written at {@code k % TAPS} and {@code k % TAPS + TAPS},
     * so the window of the newest {@value #TAPS}, oldest first, is always {@code history[next .. next + TAPS)},
     * contiguous, and the inner loop needs no wrap-around.
     */
    private final float[] history = new float[2 * TAPS];
    /** Where the next input goes; also the start of the window once it is written. */
    private int next;

    /**
     * Upsamples {@code length} samples of {@code in} into {@code 2 × length} samples of {@code out}, continuing
     * from the previous call.
     */
    public void process(short[] in, int inOffset, int length, short[] out, int outOffset) {
        Objects.checkFromIndexSize(inOffset, length, in.length);
        Objects.checkFromIndexSize(outOffset, 2 * length, out.length);
        final float[] h = INTERPOLATING;
        final float[] line = history;
        int o = outOffset;
        for (int i = 0; i < length; i++) {
            float x = in[inOffset + i];
            line[next] = x;
            line[next + TAPS] = x;
            next = next + 1 == TAPS ? 0 : next + 1;
            // window line[next .. next + TAPS): oldest first; the even output is its middle sample, delayed
            float acc = 0f;
            for (int t = 0; t < TAPS; t++) {
                acc += h[t] * line[next + t];
            }
            out[o++] = (short) line[next + DELAY - 1];
            out[o++] = clamp(acc);
        }
    }

    private static short clamp(float v) {
        int r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    /**
     * The odd-index taps of the half-band prototype {@code h[n] = sinc(n / 2) · kaiser(n)}, {@code n} odd from
     * {@code -(TAPS - 1)} to {@code TAPS - 1}, in the order the window is read, scaled to sum to 1.
     */
    private static float[] design() {
        double[] taps = new double[TAPS];
        double sum = 0;
        for (int t = 0; t < TAPS; t++) {
            int n = TAPS - 1 - 2 * t; // odd, from TAPS - 1 (weighing the oldest sample) down to -(TAPS - 1)
            double halfN = n / 2.0;
            double sinc = Math.sin(Math.PI * halfN) / (Math.PI * halfN);
            taps[t] = sinc * kaiser(n, TAPS);
            sum += taps[t];
        }
        float[] out = new float[TAPS];
        for (int t = 0; t < TAPS; t++) {
            out[t] = (float) (taps[t] / sum);
        }
        return out;
    }

    /** The Kaiser window at {@code n} of a window reaching zero-ish at ±{@code halfWidth}. */
    private static double kaiser(int n, int halfWidth) {
        double r = n / (double) halfWidth;
        return besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series (converges fast for β ≤ 10). */
    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
