package io.audiohook.connector.auth;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds the signature base of draft-ietf-httpbis-message-signatures-11 the way Genesys'
 * AudioHook client does. Shared by the verifier and the signer so both sides can never drift
 * apart.
 */
public final class SignatureBase {

    static final String REQUEST_TARGET = "@request-target";
    static final String AUTHORITY = "@authority";
    private static final String SIGNATURE_PARAMS = "@signature-params";

    /** obs-fold: a line break followed by indentation continues the previous line. */
    private static final Pattern OBS_FOLD = Pattern.compile("\\r?\\n[ \\t]+");

    private SignatureBase() {
    }

    /**
     * @param components      covered component names, in order
     * @param signatureParams serialized signature parameters (the text after {@code label=})
     * @param headers         header lookup by lower-case name; returns all instances, never null
     * @param requestTarget   path plus query as received, needed only if covered
     * @param authority       lower-case host[:port], needed only if covered
     * @throws IllegalArgumentException if a covered component is unsupported or absent, or a
     *                                  value contains a line break
     */
    public static String build(List<String> components, String signatureParams,
            Function<String, List<String>> headers, String requestTarget, String authority) {
        StringBuilder sb = new StringBuilder(512);
        for (String name : components) {
            String value;
            if (REQUEST_TARGET.equals(name)) {
                value = require(requestTarget, name);
            } else if (AUTHORITY.equals(name)) {
                value = require(authority, name);
            } else if (name.startsWith("@")) {
                throw new IllegalArgumentException("unsupported derived component " + name);
            } else {
                value = headerValue(headers.apply(name), name);
            }
            line(sb, name, value).append('\n');
        }
        return line(sb, SIGNATURE_PARAMS, require(signatureParams, SIGNATURE_PARAMS)).toString();
    }

    /** Convenience for the server side. */
    public static String build(List<String> components, String signatureParams, UpgradeRequest request) {
        return build(components, signatureParams, request::headers, request.requestTarget(), request.authority());
    }

    private static StringBuilder line(StringBuilder sb, String name, String value) {
        // A line break inside a value would let a sender forge extra base lines.
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line break in value of " + name);
        }
        return sb.append('"').append(name).append("\": ").append(value);
    }

    private static String require(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing value for " + name);
        }
        return value;
    }

    private static String headerValue(List<String> values, String name) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("covered header " + name + " is absent");
        }
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(OBS_FOLD.matcher(v).replaceAll(" ").strip());
        }
        return sb.toString();
    }
}
