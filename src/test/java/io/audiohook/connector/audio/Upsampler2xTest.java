package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The 8 → 16 kHz interpolator measured like a filter: pure tones through it, their level and their image's level
 * read off the output with a Goertzel filter over a steady second.
 */
class Upsampler2xTest {
    static final int IN_RATE = 8000;
    static final int OUT_RATE = 16000;
    static final double AMPLITUDE = 12000;

    /** One second of a tone at 8 kHz after half a second of the same tone (the filter is full by then). */
    static short[] upsampledTone(double hz) {
        short[] in = new short[IN_RATE * 3 / 2 + Upsampler2x.DELAY];
        for (int n = 0; n < in.length; n++) {
            in[n] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * n / IN_RATE));
        }
        short[] out = new short[2 * in.length];
        new Upsampler2x().process(in, 0, in.length, out, 0);
        short[] steady = new short[OUT_RATE];
        System.arraycopy(out, OUT_RATE / 2, steady, 0, OUT_RATE);
        return steady;
    }

    /**
     * The amplitude of {@code hz} in {@code samples} at {@code rate} (Goertzel); exact for a whole number of cycles
     * in the window, which one second of whole hertz is.
     */
    static double amplitude(short[] samples, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short x : samples) {
            double s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / samples.length;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @Test
    void tonesInTheTelephoneBandPassWithinHalfADecibelAndTheirImagesAreFortyDecibelsDown() {
        double worstPass = 0;
        double weakestRejection = Double.MAX_VALUE;
        for (double hz : new double[] { 300, 1000, 2000, 3000, 3400 }) {
            short[] out = upsampledTone(hz);
            double tone = amplitude(out, hz, OUT_RATE);
            double image = amplitude(out, IN_RATE - hz, OUT_RATE);
            double gain = db(tone / AMPLITUDE);
            double rejection = db(tone / image);
            System.out.printf("Upsampler2x %5.0f Hz: gain %+.4f dB, image at %5.0f Hz %.1f dB down%n", hz, gain,
                    IN_RATE - hz, rejection);
            assertEquals(0, gain, 0.5, hz + " Hz passes (the requirement)");
            assertTrue(rejection >= 40, hz + " Hz: image only " + rejection + " dB down (the requirement)");
            // and what the class promises, so that a change to the filter that loses its margin is noticed
            assertEquals(0, gain, 0.01, hz + " Hz: the designed ±0.003 dB");
            assertTrue(rejection >= 65, hz + " Hz: the designed 70 dB: " + rejection);
            worstPass = Math.max(worstPass, Math.abs(gain));
            weakestRejection = Math.min(weakestRejection, rejection);
        }
        System.out.printf("Upsampler2x: passband deviation at most %.4f dB, images at least %.1f dB down%n", worstPass,
                weakestRejection);
    }

    @Test
    void frameByFrameIsOneShotAndEveryOutputIsTwiceItsInput() {
        Random random = new Random(12);
        short[] in = new short[8000];
        for (int n = 0; n < in.length; n++) {
            in[n] = (short) (random.nextGaussian() * 6000 + 4000 * Math.sin(n / 7.0));
        }
        short[] oneShot = new short[2 * in.length];
        new Upsampler2x().process(in, 0, in.length, oneShot, 0);

        Upsampler2x framed = new Upsampler2x();
        short[] pieces = new short[2 * in.length];
        int done = 0;
        while (done < in.length) {
            int length = Math.min(in.length - done, random.nextInt(400)); // 0 to 50 ms, empty frames too
            short[] frameOut = new short[2 * length + 3];
            frameOut[2 * length] = 77; // a marker just past what the call may write
            framed.process(in, done, length, frameOut, 0);
            assertEquals(77, frameOut[2 * length], "writes exactly twice the input");
            System.arraycopy(frameOut, 0, pieces, 2 * done, 2 * length);
            done += length;
        }
        assertArrayEquals(oneShot, pieces);
    }

    @Test
    void theEvenOutputIsTheInputDelayedAndDirectCurrentStaysFlat() {
        short[] in = new short[200];
        for (int n = 0; n < in.length; n++) {
            in[n] = (short) (n * 37 % 2001 - 1000);
        }
        short[] out = new short[400];
        new Upsampler2x().process(in, 0, in.length, out, 0);
        for (int n = Upsampler2x.DELAY; n < in.length; n++) {
            assertEquals(in[n - Upsampler2x.DELAY], out[2 * n], "sample " + n);
        }

        short[] constant = new short[100];
        java.util.Arrays.fill(constant, (short) 20000);
        short[] flat = new short[200];
        new Upsampler2x().process(constant, 0, constant.length, flat, 0);
        for (int i = 2 * (2 * Upsampler2x.DELAY); i < flat.length; i++) {
            assertEquals(20000, flat[i], 1, "output " + i);
        }
    }

    @Test
    void aFullScaleSquareWaveIsClampedWhereTheSincOvershootsInsteadOfWrapping() {
        short[] square = new short[400];
        for (int n = 0; n < square.length; n++) {
            square[n] = (n / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = new short[800];
        new Upsampler2x().process(square, 0, square.length, out, 0);
        int clamped = 0;
        for (int j = 2 * Upsampler2x.DELAY; j + 1 < square.length - Upsampler2x.DELAY; j++) {
            short before = square[j - Upsampler2x.DELAY];
            short after = square[j + 1 - Upsampler2x.DELAY];
            short between = out[2 * j + 1];
            if (before == after) {
                assertEquals(Math.signum(before), Math.signum(between), "output " + (2 * j + 1) + " = " + between);
                clamped += between == Short.MAX_VALUE || between == Short.MIN_VALUE ? 1 : 0;
            }
        }
        assertTrue(clamped > 0, "the overshoot next to an edge reached the clamp");
    }
}
