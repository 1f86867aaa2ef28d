package io.audiohook.connector.testkit.property;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Random JSON: values of every type (numbers from 0 to beyond {@code long}, unicode strings, nested containers),
 * and texts a JSON parser must refuse or must survive (nesting thousands deep, numbers of hundreds of digits).
 */
public final class JsonGen {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonGen() {
    }

    /** Scalars only: null, booleans, numbers of every size and sign, strings. */
    public static Gen<JsonNode> scalars() {
        return Gen.<JsonNode>choice()
                .or(1, Gen.constant(NODES.nullNode()))
                .or(1, Gen.booleans().map(NODES::booleanNode))
                .or(3, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).map(NODES::numberNode))
                .or(1, random -> NODES.numberNode(bigInteger(random.nextInt(64, 400), random)
                        .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1))))
                .or(1, random -> NODES.numberNode(random.nextDouble(-1e6, 1e6)))
                .or(1, random -> NODES.numberNode(new BigDecimal(bigInteger(random.nextInt(1, 200), random),
                        random.nextInt(-400, 400))))
                .or(4, Texts.anyStrings(40).map(NODES::textNode));
    }

    /** Any JSON value up to {@code depth} containers deep; object keys from {@code keys} or random. */
    public static Gen<JsonNode> values(int depth, List<String> keys) {
        if (depth <= 0) {
            return scalars();
        }
        Gen<JsonNode> inner = values(depth - 1, keys);
        return Gen.<JsonNode>choice()
                .or(4, scalars())
                .or(1, random -> {
                    ArrayNode array = NODES.arrayNode();
                    Gen.lists(inner, 0, 6).next(random).forEach(array::add);
                    return array;
                })
                .or(1, objects(inner, keys));
    }

    public static Gen<JsonNode> values(int depth) {
        return values(depth, List.of());
    }

    /** Objects of 0..6 fields, keys from {@code keys} (when any) half of the time. */
    public static Gen<ObjectNode> objects(Gen<JsonNode> fieldValues, List<String> keys) {
        Gen<String> key = keys.isEmpty() ? Texts.anyStrings(12)
                : Gen.<String>choice().or(1, Gen.element(keys)).or(1, Texts.anyStrings(12));
        return random -> {
            ObjectNode object = NODES.objectNode();
            int n = Gen.sizes(0, 6).next(random);
            for (int i = 0; i < n; i++) {
                object.set(key.next(random), fieldValues.next(random));
            }
            return object;
        };
    }

    /** Texts a parser must refuse or survive: deep nesting, enormous numbers, non-JSON literals. */
    public static Gen<String> hostileTexts() {
        return Gen.<String>choice()
                .or(2, random -> {
                    int depth = Gen.ints(1, 5000).next(random);
                    boolean arrays = random.nextBoolean();
                    String open = arrays ? "[" : "{\"a\":";
                    String close = arrays ? "]" : "}";
                    return open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : "");
                })
                .or(1, random -> "{\"seq\":" + "9".repeat(Gen.ints(19, 5000).next(random)) + "}")
                .or(1, random -> "1e" + Gen.longs(-99999999999L, 99999999999L).next(random))
                .or(1, Gen.element("NaN", "Infinity", "-Infinity", "{\"seq\":NaN}", "[1,]", "{\"a\":1,}", "'a'",
                        "{a:1}", "/* c */ {}", "{} {}", "{}x", "\uFEFF{}", "", " ", "null", "\"\\ud800\"", "01",
                        "-", "1.", ".5", "{\"a\":\"\\u00\"}", "{\"a\":\"\u0000\"}"));
    }

    /**
     * Whether a string in the value ends with a line break. The schema validator's patterns are Java's, whose
     * {@code $} also matches before a final line break (ECMA 262's does not), so it accepts such strings where a
     * parser using {@code Matcher.matches} rightly refuses them: a differential test must leave them out.
     */
    public static boolean hasStringEndingInLineBreak(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return !text.isEmpty() && "\n\r\u0085\u2028\u2029".indexOf(text.charAt(text.length() - 1)) >= 0;
        }
        for (JsonNode child : node) {
            if (hasStringEndingInLineBreak(child)) {
                return true;
            }
        }
        return false;
    }

    /** A non-negative number of up to {@code bits} bits. */
    public static BigInteger bigInteger(int bits, SplittableRandom random) {
        byte[] bytes = new byte[(bits + 7) / 8];
        random.nextBytes(bytes);
        return new BigInteger(1, bytes);
    }

    public static String text(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree the text parses to, as a decoder sees it (e.g. {@code 5} as an int, whatever made it). */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
