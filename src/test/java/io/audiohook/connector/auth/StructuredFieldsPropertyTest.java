package io.audiohook.connector.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.Mutations;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.Shrink;
import io.audiohook.connector.testkit.property.StructuredFieldGen;
import io.audiohook.connector.testkit.property.Texts;

/**
 * The RFC 8941 parser behind {@code Signature-Input} and {@code Signature}: generated dictionaries parse back to
 * the members written, raw member text included (it is signed), and any other text is parsed or refused with the
 * documented {@link IllegalArgumentException}, by the dictionary parser and by {@link SignatureParams} alike.
 */
class StructuredFieldsPropertyTest {

    @Test
    void writtenDictionariesParseBackToTheirMembers() {
        Property.forAll(StructuredFieldGen.dictionaries()).trials(5_000)
                .check("a serialized dictionary parses to the members written, each with its exact text", d -> {
                    List<StructuredFieldGen.Member> parsed = new ArrayList<>();
                    StructuredFields.parseDictionary(d.text()).forEach((key, member) ->
                            parsed.add(new StructuredFieldGen.Member(key, value(member.value()), member.raw())));
                    assertEquals(d.members(), parsed);
                    return d.members().isEmpty() ? "empty" : d.members().size() == 1 ? "one member" : "several members";
                })
                .assertSeen("empty", "one member", "several members");
    }

    @Test
    void anyTextIsParsedOrRefusedWithIllegalArgument() {
        Gen<String> texts = Gen.<String>choice()
                .or(6, Mutations.ofText(StructuredFieldGen.dictionaries().map(StructuredFieldGen.Dictionary::text)))
                .or(2, Mutations.ofText(Gen.constant(Vectors.SIGNATURE_INPUT_A)))
                .or(1, Mutations.ofText(Gen.constant(Vectors.SIGNATURE_A)))
                .or(1, Texts.strings(Texts.of("abc*=();:?\"\\-.01 \t,"), 0, 40))
                .or(1, Texts.anyStrings(40));
        Property.forAll(texts).trials(10_000).shrinking(Shrink.text())
                .check("any header text parses or is refused with IllegalArgumentException, here and in "
                        + "SignatureParams", text -> {
                    String outcome;
                    try {
                        StructuredFields.parseDictionary(text).forEach((key, member) ->
                                assertTrue(text.contains(member.raw()), member.raw()));
                        outcome = "parsed";
                    } catch (IllegalArgumentException refused) {
                        assertTrue(refused.getMessage().contains(" at offset "), refused.getMessage());
                        outcome = "refused";
                    }
                    try {
                        SignatureParams params = SignatureParams.parse(text);
                        assertTrue(text.contains(params.serialized()), params.serialized());
                        return outcome + ", a signature input";
                    } catch (IllegalArgumentException refused) {
                        try {
                            SignatureParams.parseSignature(text, "sig1");
                            return outcome + ", a signature";
                        } catch (IllegalArgumentException alsoRefused) {
                            return outcome;
                        }
                    }
                })
                .assertSeen("parsed", "refused", "parsed, a signature input", "parsed, a signature");
    }

    /** The parser's value in the generator's terms, so that the two compare with equals. */
    static Object value(Object parsed) {
        if (parsed instanceof StructuredFields.InnerList list) {
            List<StructuredFieldGen.Item> items = new ArrayList<>();
            list.items().forEach(item -> items.add((StructuredFieldGen.Item) value(item)));
            return new StructuredFieldGen.InnerList(items, params(list.params()));
        }
        StructuredFields.Item item = (StructuredFields.Item) parsed;
        return new StructuredFieldGen.Item(bare(item.bare()), params(item.params()));
    }

    static Map<String, Object> params(Map<String, Object> parsed) {
        Map<String, Object> params = new LinkedHashMap<>();
        parsed.forEach((key, value) -> params.put(key, bare(value)));
        return params;
    }

    static Object bare(Object parsed) {
        if (parsed instanceof StructuredFields.Token token) {
            return new StructuredFieldGen.Token(token.text());
        }
        if (parsed instanceof byte[] bytes) {
            return StructuredFieldGen.Bytes.of(bytes);
        }
        return parsed;
    }
}
