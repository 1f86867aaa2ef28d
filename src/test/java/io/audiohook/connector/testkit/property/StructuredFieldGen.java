package io.audiohook.connector.testkit.property;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RFC 8941 Dictionaries (the syntax of {@code Signature-Input} and {@code Signature}) with what a parser must read
 * from them: every kind of bare item at the edges of its limits (15-digit integers, 12.3-digit decimals, strings
 * with escapes, tokens with {@code :} and {@code /}, byte sequences, booleans), parameters, inner lists, and the
 * optional whitespace the grammar allows in each place.
 */
public final class StructuredFieldGen {
    private static final String LCALPHA = "abcdefghijklmnopqrstuvwxyz";
    private static final String ALPHA = LCALPHA + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGIT = "0123456789";
    private static final String TCHAR = ALPHA + DIGIT + "!#$%&'*+-.^_`|~";

    /** A token, by its text. */
    public record Token(String text) {
    }

    /** A byte sequence, by its standard base64 (so that two are equal when their bytes are). */
    public record Bytes(String base64) {
        public static Bytes of(byte[] bytes) {
            return new Bytes(Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** {@code bare}: a {@code Long}, {@code BigDecimal}, {@code String}, {@link Token}, {@link Bytes} or Boolean. */
    public record Item(Object bare, Map<String, Object> params) {
    }

    public record InnerList(List<Item> items, Map<String, Object> params) {
    }

    /**
     * @param value an {@link Item} or an {@link InnerList}
     * @param raw   the exact text after {@code key=}, or empty when the key stands alone (a true boolean)
     */
    public record Member(String key, Object value, String raw) {
    }

    public record Dictionary(List<Member> members, String text) {
    }

    private record Written(Object value, String text) {
    }

    private StructuredFieldGen() {
    }

    public static Gen<String> keys() {
        Gen<String> rest = Texts.strings(Texts.of(LCALPHA + DIGIT + "_-.*"), 0, 12);
        return random -> Character.toString(Texts.of(LCALPHA + "*").next(random)) + rest.next(random);
    }

    public static Gen<Dictionary> dictionaries() {
        return random -> {
            List<Member> members = new ArrayList<>();
            StringBuilder text = new StringBuilder(spaces(random, " "));
            List<String> used = new ArrayList<>();
            for (int i = Gen.sizes(0, 6).next(random); i > 0; i--) {
                String key = keys().next(random);
                if (used.contains(key)) {
                    continue;
                }
                used.add(key);
                if (!members.isEmpty()) {
                    text.append(spaces(random, " \t")).append(',').append(spaces(random, " \t"));
                }
                Written value = random.nextInt(3) == 0 ? innerList(random) : item(random);
                boolean standsAlone = value.value instanceof Item item && Boolean.TRUE.equals(item.bare)
                        && value.text.startsWith("?1") && random.nextBoolean();
                String raw = standsAlone ? value.text.substring(2) : value.text;
                text.append(key).append(standsAlone ? raw : "=" + raw);
                members.add(new Member(key, value.value, standsAlone ? "" : raw));
            }
            text.append(spaces(random, " "));
            return new Dictionary(members, text.toString());
        };
    }

    private static Written item(SplittableRandom random) {
        Written bare = bareItem(random);
        Written params = params(random);
        return new Written(new Item(bare.value, castParams(params.value)), bare.text + params.text);
    }

    private static Written innerList(SplittableRandom random) {
        List<Item> items = new ArrayList<>();
        StringBuilder text = new StringBuilder("(").append(spaces(random, " "));
        for (int i = Gen.sizes(0, 5).next(random); i > 0; i--) {
            if (!items.isEmpty()) {
                text.append(' ').append(spaces(random, " "));
            }
            Written item = item(random);
            items.add((Item) item.value);
            text.append(item.text);
        }
        text.append(spaces(random, " ")).append(')');
        Written params = params(random);
        return new Written(new InnerList(items, castParams(params.value)), text + params.text);
    }

    private static Written params(SplittableRandom random) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (int i = Gen.sizes(0, 4).next(random); i > 0; i--) {
            String key = keys().next(random);
            if (params.containsKey(key)) {
                continue;
            }
            Written value = bareItem(random);
            params.put(key, value.value);
            text.append(';').append(spaces(random, " ")).append(key);
            if (!(Boolean.TRUE.equals(value.value) && random.nextBoolean())) {
                text.append('=').append(value.text);
            }
        }
        return new Written(params, text.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castParams(Object params) {
        return (Map<String, Object>) params;
    }

    private static Written bareItem(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0: {
                long value = Gen.longs(-999_999_999_999_999L, 999_999_999_999_999L).next(random);
                String digits = Long.toString(Math.abs(value));
                digits = "0".repeat(random.nextInt(Math.max(1, 16 - digits.length()))) + digits;
                boolean minus = value < 0 || (value == 0 && random.nextBoolean());
                return new Written(value, (minus ? "-" : "") + digits);
            }
            case 1: {
                String text = (random.nextBoolean() ? "-" : "") + digits(random, 1, 12) + "." + digits(random, 1, 3);
                return new Written(new BigDecimal(text), text);
            }
            case 2: {
                String value = Texts.strings(Texts.printableAscii(), 0, 30).next(random);
                return new Written(value, '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
            case 3: {
                String text = Character.toString(Texts.of(ALPHA + "*").next(random))
                        + Texts.strings(Texts.of(TCHAR + ":/"), 0, 20).next(random);
                return new Written(new Token(text), text);
            }
            case 4: {
                byte[] bytes = new byte[Gen.sizes(0, 48).next(random)];
                random.nextBytes(bytes);
                Bytes value = Bytes.of(bytes);
                return new Written(value, ":" + value.base64 + ":");
            }
            default: {
                boolean value = random.nextBoolean();
                return new Written(value, value ? "?1" : "?0");
            }
        }
    }

    private static String digits(SplittableRandom random, int min, int max) {
        return Texts.strings(Texts.of(DIGIT), min, max).next(random);
    }

    /** Zero to three of the given whitespace characters. */
    private static String spaces(SplittableRandom random, String allowed) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(4) == 0 ? random.nextInt(1, 4) : 0; i > 0; i--) {
            sb.append(allowed.charAt(random.nextInt(allowed.length())));
        }
        return sb.toString();
    }
}
