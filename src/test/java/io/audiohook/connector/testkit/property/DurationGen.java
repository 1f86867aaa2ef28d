package io.audiohook.connector.testkit.property;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * AudioHook durations ({@code PT<decimal seconds>S}): nanosecond values, every spelling of a value that peers
 * send (leading zeros, trailing zeros, {@code PT.5S}, {@code PT1.S}, digits finer than a nanosecond), texts of any
 * size with the value they denote, and near misses.
 */
public final class DurationGen {
    private static final long NANOS_PER_SAMPLE = 125_000; // 8 kHz

    private DurationGen() {
    }

    /** A duration text and the exact number of seconds it denotes. */
    public record DurationText(String text, BigDecimal seconds) {

        /** Nanoseconds, finer digits cut off; empty when beyond {@code long}. */
        public Optional<Long> nanos() {
            BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.DOWN);
            return nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? Optional.of(nanos.longValueExact())
                    : Optional.empty();
        }
    }

    /** Any non-negative {@code long}, sample positions at 8 kHz (whole multiples of 125 µs) a third of the time. */
    public static Gen<Long> nanos() {
        return Gen.<Long>choice()
                .or(2, Gen.longs(0, Long.MAX_VALUE))
                .or(1, Gen.longs(0, Long.MAX_VALUE / NANOS_PER_SAMPLE).map(samples -> samples * NANOS_PER_SAMPLE));
    }

    /** Ways of writing {@code nanos} that a lenient parser must read as exactly that value. */
    public static Gen<String> spelling(long nanos) {
        return random -> {
            long seconds = nanos / 1_000_000_000L;
            String nine = String.format("%09d", nanos % 1_000_000_000L);
            String fraction = switch (random.nextInt(3)) {
                case 0 -> nine.replaceAll("0+$", "");
                case 1 -> nine;
                default -> nine + digits(random.nextInt(1, 12), random); // finer than a nanosecond: cut off
            };
            String whole = (random.nextInt(4) == 0 ? "0".repeat(random.nextInt(1, 4)) : "") + seconds;
            if (seconds == 0 && !fraction.isEmpty() && random.nextBoolean()) {
                whole = "";
            }
            boolean dot = !fraction.isEmpty() || random.nextInt(4) == 0;
            return "PT" + whole + (dot ? "." : "") + fraction + "S";
        };
    }

    /** Texts of 0..25 whole digits and 0..15 fraction digits (at least one digit), in and beyond range. */
    public static Gen<DurationText> texts() {
        return random -> {
            String whole = digits(Gen.sizes(0, 25).next(random), random);
            String fraction = random.nextBoolean() ? null : digits(Gen.sizes(0, 15).next(random), random);
            if (whole.isEmpty() && (fraction == null || fraction.isEmpty())) {
                whole = "0";
            }
            String text = "PT" + whole + (fraction == null ? "" : "." + fraction) + "S";
            String number = (whole.isEmpty() ? "0" : whole)
                    + (fraction == null || fraction.isEmpty() ? "" : "." + fraction);
            return new DurationText(text, new BigDecimal(number));
        };
    }

    /** What must be refused, or read the same as a valid text: edits of valid texts and other ISO 8601 forms. */
    public static Gen<String> nearMisses() {
        return Gen.<String>choice()
                .or(4, Mutations.ofText(texts().map(DurationText::text)))
                .or(1, Gen.element("PT", "PTS", "PT.S", "P1S", "T1S", "PT1", "pt1s", "PT1s", "PT-1S", "PT+1S",
                        "PT1E3S", "PT1.5E-3S", "PT1M", "PT1H2M3S", "P1DT1S", "PT1,5S", "PT1..5S", "PT 1S", " PT1S",
                        "PT1S ", "PT\uFF11S", "PT\u0661S", "PT0x10S", "PTNaNS", "PTInfinityS", "", "S", "P", "T"))
                .or(1, Texts.anyStrings(12));
    }

    private static String digits(int count, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }
}
