package io.audiohook.connector.testkit.property;

import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An integration's {@code customConfig} ({@code audiohook-protocol/schemas/custom-config.json}): objects whose
 * known keys hold a value the schema allows, a near miss of one (another case, another type, a look-alike, a
 * neighbouring enum value) or any JSON value, beside keys this version does not know.
 */
public final class CustomConfigGen {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    public static final List<String> KEYS = List.of("conversationProfile", "language", "channels", "mode",
            "agentAssist", "startPaused", "audioEncoding");
    private static final List<String> CHANNELS = List.of("external", "internal");
    private static final List<String> MODES = List.of("monitor", "transcription");
    private static final List<String> ENCODINGS = List.of("mulaw-8k", "linear16-8k", "linear16-16k");

    private CustomConfigGen() {
    }

    /** @param profiles profile names a config may choose (and that some generated configs will) */
    public static Gen<ObjectNode> configs(List<String> profiles) {
        Gen<JsonNode> any = JsonGen.values(2, List.of("customer", "agent"));
        return random -> {
            ObjectNode config = NODES.objectNode();
            for (int i = Gen.sizes(0, 5).next(random); i > 0; i--) {
                if (random.nextInt(6) == 0) {
                    config.set(Gen.oneOf(Texts.anyStrings(12), Gen.element(KEYS).map(CustomConfigGen::otherCase))
                            .next(random), any.next(random));
                    continue;
                }
                String key = Gen.element(KEYS).next(random);
                JsonNode value = switch (random.nextInt(6)) {
                    case 0 -> nearMiss(key, profiles, random);
                    case 1 -> any.next(random);
                    default -> valid(key, profiles, random);
                };
                config.set(key, value);
            }
            return config;
        };
    }

    /** A value the schema allows for {@code key}; a conversation profile from {@code profiles}. */
    public static JsonNode valid(String key, List<String> profiles, SplittableRandom random) {
        return switch (key) {
            case "conversationProfile" -> NODES.textNode(Gen.element(profiles).next(random));
            case "language" -> NODES.textNode(ClientMessageGen.languages().next(random));
            case "channels" -> {
                boolean swapped = random.nextBoolean();
                String customer = CHANNELS.get(swapped ? 1 : 0);
                String agent = CHANNELS.get(swapped ? 0 : 1);
                yield random.nextBoolean() ? NODES.objectNode().put("customer", customer).put("agent", agent)
                        : NODES.objectNode().put("agent", agent).put("customer", customer);
            }
            case "mode" -> NODES.textNode(Gen.element(MODES).next(random));
            case "audioEncoding" -> NODES.textNode(Gen.element(ENCODINGS).next(random));
            default -> NODES.booleanNode(random.nextBoolean());
        };
    }

    /** Close to a value the schema allows, and outside it more often than not. */
    private static JsonNode nearMiss(String key, List<String> profiles, SplittableRandom random) {
        JsonNode valid = valid(key, profiles, random);
        switch (random.nextInt(5)) {
            case 0:
                return valid.isTextual() ? NODES.textNode(otherCase(valid.textValue()))
                        : NODES.textNode(valid.toString());
            case 1:
                return valid.isTextual() ? NODES.textNode(Mutations.edit(valid.textValue(), random))
                        : valid.isBoolean() ? NODES.numberNode(valid.booleanValue() ? 1 : 0) : NODES.nullNode();
            case 2:
                return valid.isTextual() ? NODES.textNode(Texts.withLookAlike(valid.textValue(), random))
                        : NODES.arrayNode().add(valid);
            case 3:
                if (valid instanceof ObjectNode channels) {
                    ObjectNode changed = channels.deepCopy();
                    switch (random.nextInt(3)) {
                        case 0 -> changed.remove(random.nextBoolean() ? "customer" : "agent");
                        case 1 -> changed.put("agent", changed.get("customer").textValue());
                        default -> changed.put(random.nextBoolean() ? "ivr" : "Customer", "internal");
                    }
                    return changed;
                }
                return NODES.textNode("projects/p/locations/l/conversationProfiles/"
                        + Texts.anyStrings(8).next(random));
            default:
                JsonNode mutated = Mutations.ofTree(Gen.constant(NODES.arrayNode().add(valid))).next(random).path(0);
                return mutated.isMissingNode() ? NODES.nullNode() : mutated;
        }
    }

    /** The same text with the case of its first letter changed. */
    static String otherCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return text.substring(0, i) + flipped + text.substring(i + 1);
            }
        }
        return text + "X";
    }
}
