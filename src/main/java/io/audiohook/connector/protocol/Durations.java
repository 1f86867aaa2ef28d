package io.audiohook.connector.protocol;

/**
 * AudioHook durations ({@code PT<seconds>S}). Internally everything is integer nanoseconds so that
 * positions never accumulate floating-point error over long calls.
 */
public final class Durations {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Durations() {
    }

    /**
     * Parses leniently ({@code PT1.S} and {@code PT.5S} are accepted, as some clients produce them)
     * but rejects signs, exponents and minute/hour components.
     */
    public static long parseNanos(String text) {
        if (text == null || text.length() < 4 || !text.startsWith("PT") || !text.endsWith("S")) {
            throw new IllegalArgumentException("not an AudioHook duration: " + abbreviate(text));
        }
        int end = text.length() - 1;
        long seconds = 0;
        long fraction = 0;
        int fractionDigits = 0;
        boolean digits = false;
        boolean point = false;
        for (int i = 2; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (point) {
                    throw new IllegalArgumentException("not an AudioHook duration: " + abbreviate(text));
                }
                point = true;
            } else if (c >= '0' && c <= '9') {
                digits = true;
                if (!point) {
                    if (seconds > (Long.MAX_VALUE / NANOS_PER_SECOND) / 10) {
                        throw new IllegalArgumentException("duration out of range: " + abbreviate(text));
                    }
                    seconds = seconds * 10 + (c - '0');
                } else if (fractionDigits < 9) {
                    fraction = fraction * 10 + (c - '0');
                    fractionDigits++;
                }
            } else {
                throw new IllegalArgumentException("not an AudioHook duration: " + abbreviate(text));
            }
        }
        if (!digits) {
            throw new IllegalArgumentException("not an AudioHook duration: " + abbreviate(text));
        }
        for (int i = fractionDigits; i < 9; i++) {
            fraction *= 10;
        }
        return seconds * NANOS_PER_SECOND + fraction;
    }

    /** Plain decimal seconds without exponent or trailing zeros, e.g. {@code PT0S}, {@code PT1.25S}. */
    public static String format(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative duration: " + nanos);
        }
        long seconds = nanos / NANOS_PER_SECOND;
        long fraction = nanos % NANOS_PER_SECOND;
        StringBuilder sb = new StringBuilder(24).append("PT").append(seconds);
        if (fraction != 0) {
            String digits = Long.toString(fraction);
            sb.append('.');
            for (int i = digits.length(); i < 9; i++) {
                sb.append('0');
            }
            int last = digits.length();
            while (digits.charAt(last - 1) == '0') {
                last--;
            }
            sb.append(digits, 0, last);
        }
        return sb.append('S').toString();
    }

    public static String formatSamples(long samples, int rate) {
        return format(samplesToNanos(samples, rate));
    }

    public static long samplesToNanos(long samples, int rate) {
        return Math.multiplyExact(samples, NANOS_PER_SECOND) / rate;
    }

    /** Rounded to the nearest sample, since client positions are decimal renderings of sample counts. */
    public static long nanosToSamples(long nanos, int rate) {
        // split so that hours-long positions cannot overflow the multiplication
        long whole = (nanos / NANOS_PER_SECOND) * rate;
        return whole + ((nanos % NANOS_PER_SECOND) * rate + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    }

    public static boolean isValid(String text) {
        try {
            parseNanos(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 32 ? text.substring(0, 32) + "..." : text;
    }
}
