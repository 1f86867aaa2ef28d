package io.audiohook.connector.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first signature described by a {@code Signature-Input} header.
 *
 * @param label      dictionary key, e.g. {@code sig1}
 * @param components covered component names, in signing order
 * @param keyId      {@code keyid} parameter, or {@code null}
 * @param nonce      {@code nonce} parameter, or {@code null}
 * @param alg        {@code alg} parameter, or {@code null}
 * @param created    {@code created} parameter (Unix seconds), or {@code null}
 * @param expires    {@code expires} parameter (Unix seconds), or {@code null}
 * @param serialized the member text after {@code label=}, trimmed; this exact text is the value of
 *                   the {@code @signature-params} line of the signature base
 */
public record SignatureParams(
        String label,
        List<String> components,
        String keyId,
        String nonce,
        String alg,
        Long created,
        Long expires,
        String serialized) {

    /** Generous for Genesys' ~330-character header, small enough to bound parsing work. */
    static final int MAX_HEADER_LENGTH = 8192;

    private static final int MAX_COMPONENTS = 32;

    public SignatureParams {
        components = List.copyOf(components);
    }

    /**
     * Parses a {@code Signature-Input} value (several header instances joined with {@code ", "}).
     * Only the first member is interpreted; later members must still be syntactically valid.
     *
     * @throws IllegalArgumentException on any syntax error, a component that is not a plain
     *                                  lower-case string, a duplicated component, an unknown
     *                                  parameter or a parameter of the wrong type
     */
    public static SignatureParams parse(String signatureInput) {
        Map.Entry<String, StructuredFields.Member> first = firstMember(signatureInput);
        if (!(first.getValue().value() instanceof StructuredFields.InnerList list)) {
            throw new IllegalArgumentException("signature input is not an inner list");
        }
        if (list.items().size() > MAX_COMPONENTS) {
            throw new IllegalArgumentException("too many covered components");
        }
        List<String> components = new ArrayList<>(list.items().size());
        Set<String> seen = new HashSet<>();
        for (StructuredFields.Item item : list.items()) {
            if (!(item.bare() instanceof String name) || !item.params().isEmpty()) {
                // Component parameters (;sf, ;key, ;req ...) change the value to sign; we
                // cannot reproduce them, so the signature could never verify anyway.
                throw new IllegalArgumentException("covered components must be plain strings");
            }
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("covered component names must be lower case");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("covered component listed twice");
            }
            components.add(name);
        }
        String keyId = null;
        String nonce = null;
        String alg = null;
        Long created = null;
        Long expires = null;
        for (Map.Entry<String, Object> p : list.params().entrySet()) {
            Object v = p.getValue();
            switch (p.getKey()) {
                case "keyid" -> keyId = string(p.getKey(), v);
                case "nonce" -> nonce = string(p.getKey(), v);
                case "alg" -> alg = string(p.getKey(), v);
                case "created" -> created = timestamp(p.getKey(), v);
                case "expires" -> expires = timestamp(p.getKey(), v);
                default -> throw new IllegalArgumentException("unknown signature parameter");
            }
        }
        return new SignatureParams(first.getKey(), components, keyId, nonce, alg, created, expires,
                first.getValue().raw().strip());
    }

    /**
     * Extracts the signature bytes for {@code label} from a {@code Signature} value.
     *
     * @throws IllegalArgumentException on a syntax error, a missing label, or a member that is not
     *                                  a parameterless byte sequence
     */
    static byte[] parseSignature(String signature, String label) {
        checkLength(signature);
        StructuredFields.Member member = StructuredFields.parseDictionary(signature).get(label);
        if (member == null) {
            throw new IllegalArgumentException("Signature has no member for the Signature-Input label");
        }
        if (!(member.value() instanceof StructuredFields.Item item)
                || !(item.bare() instanceof byte[] bytes)
                || !item.params().isEmpty()) {
            throw new IllegalArgumentException("Signature member is not a byte sequence");
        }
        return bytes;
    }

    private static Map.Entry<String, StructuredFields.Member> firstMember(String signatureInput) {
        checkLength(signatureInput);
        Map<String, StructuredFields.Member> members = StructuredFields.parseDictionary(signatureInput);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("empty Signature-Input");
        }
        return members.entrySet().iterator().next();
    }

    private static void checkLength(String header) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header missing or too long");
        }
    }

    private static String string(String name, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("signature parameter " + name + " must be a string");
    }

    private static Long timestamp(String name, Object v) {
        if (v instanceof Long l && l >= 0) {
            return l;
        }
        throw new IllegalArgumentException("signature parameter " + name + " must be a non-negative integer");
    }
}
