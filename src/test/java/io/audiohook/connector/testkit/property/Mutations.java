package io.audiohook.connector.testkit.property;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Near misses of valid input, where parsers go wrong: texts with a few edits (truncated, a span cut or doubled,
 * characters inserted, swapped, replaced by look-alikes or by the other case), and JSON trees with one node made
 * wrong (removed, of another type, a huge or negative number, a look-alike in a string, wrapped, nested deep).
 */
public final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Gen<Integer> SPECIAL = Texts.of("\"\\{}[]:,;=()?*-.0123456789 \t\r\n");

    private Mutations() {
    }

    /** The text with 1..4 random edits. */
    public static Gen<String> ofText(Gen<String> valid) {
        return random -> {
            String text = valid.next(random);
            int edits = random.nextInt(1, 5);
            for (int i = 0; i < edits; i++) {
                text = edit(text, random);
            }
            return text;
        };
    }

    static String edit(String text, SplittableRandom random) {
        int n = text.length();
        int at = n == 0 ? 0 : random.nextInt(n + 1);
        int end = at + (n - at == 0 ? 0 : random.nextInt(Math.min(n - at, 16) + 1));
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + text.substring(end);
            case 2 -> text.substring(0, end) + text.substring(at);
            case 3 -> text.substring(0, at) + Character.toString(SPECIAL.next(random)) + text.substring(at);
            case 4 -> text.substring(0, at) + Character.toString(Texts.anyCodePoint().next(random))
                    + text.substring(at);
            case 5 -> Texts.withLookAlike(text, random);
            case 6 -> at + 1 < n
                    ? text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2) : text;
            default -> flipCase(text, at);
        };
    }

    private static String flipCase(String text, int at) {
        if (at >= text.length()) {
            return text;
        }
        char c = text.charAt(at);
        char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return text.substring(0, at) + flipped + text.substring(at + 1);
    }

    /** A copy of the tree with 1..3 nodes made wrong. */
    public static Gen<JsonNode> ofTree(Gen<? extends JsonNode> valid) {
        return random -> {
            JsonNode tree = valid.next(random).deepCopy();
            int edits = random.nextInt(1, 4);
            for (int i = 0; i < edits; i++) {
                mutateOneNode(tree, random);
            }
            return tree;
        };
    }

    /**
     * A copy of the tree with 1..3 leaves given another value of the same JSON type: strings from {@code strings},
     * numbers of any size, the other boolean. Such edits keep a message's shape, so they probe the value checks.
     */
    public static Gen<JsonNode> ofLeaves(Gen<? extends JsonNode> valid, Gen<String> strings) {
        return random -> {
            JsonNode tree = valid.next(random).deepCopy();
            List<Slot> slots = new ArrayList<>();
            collect(tree, slots);
            slots.removeIf(slot -> slot.value().isContainerNode() || slot.value().isNull());
            for (int edits = random.nextInt(1, 4); edits > 0 && !slots.isEmpty(); edits--) {
                Slot slot = slots.get(random.nextInt(slots.size()));
                JsonNode old = slot.value();
                JsonNode replacement = old.isTextual() ? NODES.textNode(strings.next(random))
                        : old.isBoolean() ? NODES.booleanNode(!old.booleanValue())
                        : random.nextBoolean()
                        ? NODES.numberNode(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).next(random))
                        : NODES.numberNode(BigInteger.TWO.pow(63).add(BigInteger.valueOf(random.nextInt(-2, 3))));
                slot.replace(replacement);
            }
            return tree;
        };
    }

    private record Slot(JsonNode parent, String field, int index) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void replace(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                object.set(field, replacement);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        }
    }

    private static void mutateOneNode(JsonNode tree, SplittableRandom random) {
        List<Slot> slots = new ArrayList<>();
        collect(tree, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        if (random.nextInt(6) == 0) {
            if (slot.parent instanceof ObjectNode object) {
                object.remove(slot.field);
            } else {
                ((ArrayNode) slot.parent).remove(slot.index);
            }
            return;
        }
        slot.replace(wrong(slot.value(), random));
    }

    /** A value the field was not meant to hold, often close to what it held. */
    private static JsonNode wrong(JsonNode old, SplittableRandom random) {
        switch (random.nextInt(7)) {
            case 0:
                return JsonGen.values(2).next(random);
            case 1:
                return NODES.numberNode(Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).next(random));
            case 2:
                return NODES.numberNode(BigInteger.TWO.pow(random.nextInt(31, 200))
                        .add(BigInteger.valueOf(old.isNumber() ? old.longValue() : random.nextInt(10))));
            case 3:
                return old.isTextual() ? NODES.textNode(Texts.withLookAlike(old.textValue(), random))
                        : NODES.textNode(old.toString());
            case 4:
                return old.isTextual() ? NODES.textNode(edit(old.textValue(), random)) : NODES.nullNode();
            case 5:
                return NODES.arrayNode().add(old.deepCopy());
            default:
                JsonNode nested = old.deepCopy();
                for (int i = random.nextInt(1, 80); i > 0; i--) {
                    nested = NODES.objectNode().set("a", nested);
                }
                return nested;
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }
}
