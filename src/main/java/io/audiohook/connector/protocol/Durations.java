package io.audiohook.connector.protocol;

/**
 * The AudioHook duration syntax {@code PT<decimal seconds>S}, e.g. {@code PT0S}, {@code PT1.5S},
 * {@code PT0.001234567S}.
 *
 * <p>Values are carried as integer nanoseconds: sample positions at 8 kHz (125 µs per sample) are
 * exact in nanoseconds, whereas {@code double} seconds would accumulate rounding error over a long
 * call. No hour/minute parts, sign or exponent exist in the protocol, and rendering never produces
 * them, so output always matches {@code ^PT(?:\d*\.)?\d+S$}.
 */
public final class Durations {

    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;

    private Durations() {
    }

    /**
     * Parses leniently in the one way real peers differ ({@code PT1.S} and {@code PT.5S} are
     * accepted, as are leading zeros), strictly otherwise. Fractions finer than a nanosecond are
     * truncated, not rejected, so an over-precise peer cannot fail a session.
     *
     * @throws IllegalArgumentException for anything else, naming the offending text
     */
    public static long parseNanos(String text) {
        if (text == null) {
            throw new IllegalArgumentException("duration is missing");
        }
        int len = text.length();
        if (len < 4 || text.charAt(0) != 'P' || text.charAt(1) != 'T' || text.charAt(len - 1) != 'S') {
            throw invalid(text);
        }
        int end = len - 1;
        int i = 2;
        long seconds = 0;
        int digits = 0;
        for (; i < end; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (seconds > (MAX_SECONDS - d) / 10) {
                throw new IllegalArgumentException("duration out of range: '" + shown(text) + "'");
            }
            seconds = seconds * 10 + d;
            digits++;
        }
        long fraction = 0;
        if (i < end) {
            if (text.charAt(i) != '.') {
                throw invalid(text);
            }
            i++;
            int fractionDigits = 0;
            for (; i < end; i++) {
                int d = text.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    throw invalid(text);
                }
                if (fractionDigits < 9) {
                    fraction = fraction * 10 + d;
                }
                fractionDigits++;
                digits++;
            }
            for (int k = fractionDigits; k < 9; k++) {
                fraction *= 10;
            }
        }
        if (digits == 0) {
            throw invalid(text);
        }
        long nanos = seconds * NANOS_PER_SECOND + fraction;
        if (nanos < 0) {
            // Only reachable at MAX_SECONDS with a large fraction.
            throw new IllegalArgumentException("duration out of range: '" + shown(text) + "'");
        }
        return nanos;
    }

    /** Parses and converts to a whole number of samples at {@code rate}, rounded to nearest. */
    public static long parseSamples(String text, int rate) {
        return toSamples(parseNanos(text), rate);
    }

    /** Shortest plain-decimal rendering: no exponent, no trailing fractional zeros. */
    public static String format(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("durations cannot be negative: " + nanos + " ns");
        }
        long seconds = nanos / NANOS_PER_SECOND;
        int fraction = (int) (nanos % NANOS_PER_SECOND);
        StringBuilder sb = new StringBuilder(24).append("PT").append(seconds);
        if (fraction != 0) {
            int width = 9;
            while (fraction % 10 == 0) {
                fraction /= 10;
                width--;
            }
            sb.append('.');
            for (int pad = width - digitCount(fraction); pad > 0; pad--) {
                sb.append('0');
            }
            sb.append(fraction);
        }
        return sb.append('S').toString();
    }

    public static String formatSamples(long samples, int rate) {
        return format(toNanos(samples, rate));
    }

    /**
     * Nanoseconds to samples, rounded half up. Splits whole seconds from the remainder so the
     * intermediate product cannot overflow for any {@code long} input.
     */
    public static long toSamples(long nanos, int rate) {
        checkRate(rate);
        if (nanos < 0) {
            throw new IllegalArgumentException("durations cannot be negative: " + nanos + " ns");
        }
        long whole = Math.multiplyExact(nanos / NANOS_PER_SECOND, (long) rate);
        long rest = ((nanos % NANOS_PER_SECOND) * rate + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        return whole + rest;
    }

    /** Samples to nanoseconds, rounded half up; exact at 8000 Hz. */
    public static long toNanos(long samples, int rate) {
        checkRate(rate);
        if (samples < 0) {
            throw new IllegalArgumentException("sample count cannot be negative: " + samples);
        }
        long whole = Math.multiplyExact(samples / rate, NANOS_PER_SECOND);
        long rest = ((samples % rate) * NANOS_PER_SECOND + rate / 2) / rate;
        return Math.addExact(whole, rest);
    }

    private static int digitCount(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static void checkRate(int rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + rate);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not an AudioHook duration (PT<seconds>S): '" + shown(text) + "'");
    }

    // The text comes from the network; keep exception messages (and the logs they end up in) bounded.
    private static String shown(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    /** True when {@link #parseNanos} accepts the text. */
    public static boolean isValid(String text) {
        try {
            parseNanos(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
