package io.audiohook.connector.testkit.property;

import java.util.SplittableRandom;

/**
 * Characters and strings for parsers: printable ASCII, control characters, the whole BMP (lone surrogates
 * included), astral code points, and look-alikes, the characters a lenient check lets through by mistake (digits
 * and letters of other scripts that {@code Character.digit} accepts, the Kelvin sign that lower-cases to {@code k},
 * invisible spaces).
 */
public final class Texts {

    /** Digits and hex letters outside ASCII, case-folding traps and invisible characters. */
    private static final int[] LOOK_ALIKES = {
        0xFF10, 0xFF11, 0xFF19, 0xFF21, 0xFF26, 0xFF41, 0xFF46, // fullwidth 0 1 9 A F a f
        0x0660, 0x0669, 0x06F5, 0x0966, 0x09E6, 0x1040, 0x1D7CE, // other scripts' digits, mathematical bold 0
        0x00B2, 0x00B9, 0x2070, 0x2460, // superscripts, circled 1
        0x212A, 0x017F, 0x0130, 0x0131, // Kelvin sign, long s, dotted/dotless i
        0x00A0, 0x2007, 0x200B, 0x2028, 0x2029, 0xFEFF, 0x3000, 0x0085, // spaces, separators, BOM, NEL
    };

    private Texts() {
    }

    public static Gen<Integer> printableAscii() {
        return random -> random.nextInt(0x20, 0x7F);
    }

    /** Code points of every kind, ASCII most often. */
    public static Gen<Integer> anyCodePoint() {
        return Gen.<Integer>choice()
                .or(8, printableAscii())
                .or(1, random -> random.nextBoolean() ? random.nextInt(0x00, 0x20) : 0x7F)
                .or(2, random -> random.nextInt(0x80, 0x10000))
                .or(1, random -> random.nextInt(0x10000, 0x110000))
                .or(2, lookAlike());
    }

    public static Gen<Integer> lookAlike() {
        return random -> LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)];
    }

    /** Characters of {@code alphabet}. */
    public static Gen<Integer> of(String alphabet) {
        return random -> alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
    }

    /** Strings of {@code min..max} code points, short ones more often. */
    public static Gen<String> strings(Gen<Integer> codePoints, int min, int max) {
        Gen<Integer> length = Gen.sizes(min, max);
        return random -> {
            int n = length.next(random);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(codePoints.next(random));
            }
            return sb.toString();
        };
    }

    public static Gen<String> anyStrings(int max) {
        return strings(anyCodePoint(), 0, max);
    }

    /** Replaces one character of the text, found by {@code random}, with a look-alike. */
    public static String withLookAlike(String text, SplittableRandom random) {
        if (text.isEmpty()) {
            return text;
        }
        int at = random.nextInt(text.length());
        return text.substring(0, at) + Character.toString(lookAlike().next(random)) + text.substring(at + 1);
    }

    /**
     * The value for a failure report: strings quoted, everything outside printable ASCII as {@code \\uXXXX} (so
     * a report shows exactly which character it was), long values cut with their length said.
     */
    public static String show(Object value) {
        String text = String.valueOf(value);
        int limit = 4000;
        StringBuilder sb = new StringBuilder(Math.min(text.length(), limit) + 32);
        if (value instanceof CharSequence) {
            sb.append('"');
        }
        for (int i = 0; i < text.length() && i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        if (value instanceof CharSequence) {
            sb.append('"');
        }
        if (text.length() > limit) {
            sb.append("… (").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }
}
