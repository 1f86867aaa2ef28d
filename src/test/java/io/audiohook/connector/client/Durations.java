package io.audiohook.connector.client;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AudioHook durations: seconds only, plain decimal, e.g. PT0S, PT1.2S, PT0.000125S. */
public final class Durations {

    public static final long NANOS_PER_SAMPLE = 125_000L; // 8000 Hz
    private static final Pattern FORMAT = Pattern.compile("^PT(\\d*\\.?\\d*)S$");

    private Durations() {
    }

    public static String format(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative duration " + nanos);
        }
        // toPlainString avoids the exponent form the protocol's regex rejects (1E+1 for 10 s).
        return "PT" + BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "S";
    }

    public static String formatSamples(long samples) {
        return format(samples * NANOS_PER_SAMPLE);
    }

    /** Lenient: accepts PT1.S and PT.5S as the protocol's own parsers do. */
    public static long parseNanos(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        String number = m.matches() ? m.group(1) : "";
        if (number.isEmpty() || number.equals(".")) {
            throw new IllegalArgumentException("not an AudioHook duration: " + text);
        }
        return new BigDecimal(number).movePointRight(9).longValueExact();
    }
}
