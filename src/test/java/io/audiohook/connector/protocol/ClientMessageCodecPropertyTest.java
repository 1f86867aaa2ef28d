package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.contract.ExampleSession;
import io.audiohook.connector.contract.ProtocolSchemas;
import io.audiohook.connector.testkit.property.ClientMessageGen;
import io.audiohook.connector.testkit.property.DurationGen;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.JsonGen;
import io.audiohook.connector.testkit.property.Mutations;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Shrink;
import io.audiohook.connector.testkit.property.Texts;

/**
 * The codec against generated input: any text is a message or one of the codec's documented refusals, what it
 * decodes is well formed by the published schema's rules, valid messages decode to exactly what they say, and
 * whatever the schema accepts the codec takes. Soak: {@code -Dproperty.trials=1000000} (see {@link Property}).
 */
class ClientMessageCodecPropertyTest {
    static final Set<String> CODEC_REFUSALS = Set.of(ProtocolViolation.TOO_LARGE, ProtocolViolation.NOT_JSON,
            ProtocolViolation.MALFORMED, ProtocolViolation.UNSUPPORTED_VERSION, ProtocolViolation.BAD_PARAMETERS);
    /** {@code common.json#/definitions/uuid}. */
    static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** The codec's bound on nesting (its parser's {@code maxNestingDepth}), which the schema does not have. */
    static final int MAX_NESTING = 64;
    static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$");

    @Test
    void anyTextIsAMessageOrADocumentedRefusal() {
        Property.forAll(ClientMessageGen.nearMisses()).trials(10_000).shrinking(Shrink.text())
                .check("any text decodes to a well-formed message or is refused with a documented violation", text -> {
                    ClientMessage message;
                    try {
                        message = ClientMessageCodec.decode(text);
                    } catch (ProtocolViolation refused) {
                        assertTrue(CODEC_REFUSALS.contains(refused.info()), refused.info());
                        return "refused: " + refused.info();
                    }
                    assertWellFormed(message);
                    return "decoded";
                })
                .assertSeen("decoded", "refused: " + ProtocolViolation.TOO_LARGE,
                        "refused: " + ProtocolViolation.NOT_JSON, "refused: " + ProtocolViolation.MALFORMED,
                        "refused: " + ProtocolViolation.UNSUPPORTED_VERSION,
                        "refused: " + ProtocolViolation.BAD_PARAMETERS);
    }

    @Test
    void validMessagesDecodeToWhatTheySay() {
        Property.forAll(ClientMessageGen.valid()).trials(3_000)
                .check("a valid message decodes to exactly the message generated", generated -> {
                    ClientMessage decoded = ClientMessageCodec.decode(generated.text());
                    assertEquals(generated.expected(), decoded);
                    return decoded.getClass().getSimpleName();
                })
                .assertSeen("Open", "Close", "Ping", "Paused", "Resumed", "Discarded", "Update", "Error", "Unknown");
    }

    @Test
    void whatTheSchemaAcceptsTheCodecDecodes() {
        ProtocolSchemas schemas = ProtocolSchemas.shared();
        List<JsonNode> examples = ExampleSession.loadAll().stream()
                .flatMap(session -> session.clientMessages().stream())
                .map(ExampleSession.ClientMessage::message).toList();
        Gen<String> strings = Gen.oneOf(Texts.anyStrings(12), ClientMessageGen.uuids(), ClientMessageGen.languages(),
                DurationGen.texts().map(DurationGen.DurationText::text), DurationGen.nearMisses(),
                Gen.ints(10, 30).map(digits -> "PT" + "9".repeat(digits) + "S"),
                ClientMessageGen.uuids().flatMap(id -> random -> Texts.withLookAlike(id, random)));
        Gen<JsonNode> nearMisses = Gen.<JsonNode>choice()
                .or(3, Mutations.ofLeaves(Gen.element(examples), strings))
                .or(1, Mutations.ofTree(Gen.element(examples)));
        Property.forAll(nearMisses.map(JsonGen::text))
                .trials(3_000).shrinking(Shrink.text())
                .check("a message the published schema accepts is decoded, unless beyond the codec's documented bounds",
                        text -> {
                    JsonNode tree = JsonGen.parse(text);
                    if (JsonGen.hasStringEndingInLineBreak(tree)) {
                        return "the validator's $ takes a final line break";
                    }
                    try {
                        if (!schemas.validateClientMessage(tree).isEmpty()) {
                            return "schema refuses";
                        }
                    } catch (NumberFormatException e) {
                        return "the validator cannot read a number"; // networknt on a float beyond double, e.g. 7E341
                    }
                    String beyond = beyondCodecBounds(tree);
                    if (beyond != null) {
                        ProtocolViolation refused =
                                assertThrows(ProtocolViolation.class, () -> ClientMessageCodec.decode(text));
                        assertTrue(CODEC_REFUSALS.contains(refused.info()), refused.info());
                        return "schema accepts, " + beyond;
                    }
                    assertWellFormed(ClientMessageCodec.decode(text));
                    return "schema accepts";
                })
                .assertSeen("schema accepts", "schema refuses", "schema accepts, nested too deep",
                        "schema accepts, a duration beyond 2^63 - 1 ns");
    }

    /** What the schema's patterns and ranges say of the fields the codec hands on. */
    static void assertWellFormed(ClientMessage message) {
        ClientMessage.Envelope e = message.envelope();
        assertUuid(e.id());
        assertTrue(!e.type().isEmpty() && e.seq() >= 0 && e.serverseq() >= 0 && e.positionNanos() >= 0, e.toString());
        if (message instanceof ClientMessage.Open open) {
            OpenParameters p = open.parameters();
            assertUuid(p.organizationId());
            assertUuid(p.conversationId());
            assertUuid(p.participant().id());
            p.language().ifPresent(l -> assertTrue(LANGUAGE.matcher(l).matches(), l));
            p.continuedSessions().forEach(c -> assertUuid(c.id()));
            for (MediaOffer offer : p.media()) {
                assertEquals(8000, offer.rate());
                assertTrue(offer.channelCount() >= 1 && offer.channelCount() <= 2
                        && offer.channels().stream().distinct().count() == offer.channelCount(), offer.toString());
            }
        } else if (message instanceof ClientMessage.Update update) {
            update.language().ifPresent(l -> assertTrue(LANGUAGE.matcher(l).matches(), l));
        }
    }

    /** The codec's documented bounds that the schema does not state; null when the message is within them. */
    static String beyondCodecBounds(JsonNode message) {
        if (depth(message) > MAX_NESTING) {
            return "nested too deep";
        }
        JsonNode p = message.path("parameters");
        for (JsonNode duration : List.of(message.path("position"), p.path("start"), p.path("discarded"), p.path("rtt"),
                p.path("retryAfter"))) {
            if (duration.isTextual() && duration.textValue().matches("PT(\\d*\\.)?\\d+S")
                    && new BigDecimal(duration.textValue().substring(2, duration.textValue().length() - 1))
                            .movePointRight(9).compareTo(BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE)) >= 0) {
                return "a duration beyond 2^63 - 1 ns";
            }
        }
        return null;
    }

    /** Containers nested in the value, the value itself counted: Jackson's nesting depth. */
    static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    static void assertUuid(String id) {
        assertTrue(UUID.matcher(id).matches(), () -> "not a UUID by the schema: " + id.chars()
                .mapToObj(c -> String.format("\\u%04X", c)).reduce("", String::concat));
    }
}
