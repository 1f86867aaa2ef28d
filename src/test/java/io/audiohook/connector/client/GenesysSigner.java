package io.audiohook.connector.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Produces the HTTP message signature Genesys Cloud attaches to the AudioHook upgrade request.
 *
 * <p>Deliberately written from the protocol brief only and sharing no code with the server, so a
 * misreading of the scheme on one side shows up as a failed handshake instead of cancelling out.
 * Every input can be overridden so tests can build signatures the server must refuse.
 */
public final class GenesysSigner {

    public static final String LABEL = "sig1";
    public static final String ALG = "hmac-sha256";
    public static final List<String> COMPONENTS = List.of(
            "@request-target", "@authority", "audiohook-organization-id",
            "audiohook-session-id", "audiohook-correlation-id", "x-api-key");
    /** Genesys' signer sets expires this many seconds after created. */
    public static final long DEFAULT_LIFETIME_SECONDS = 30;
    private static final int NONCE_BYTES = 18;

    private final Clock clock;
    private final SecureRandom random;

    public GenesysSigner() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    public GenesysSigner(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /** A fresh 24-character nonce made from 18 random bytes, as Genesys sends. */
    public String newNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public Signed sign(Input in) {
        Objects.requireNonNull(in.apiKey, "apiKey");
        Objects.requireNonNull(in.secret, "secret");
        long created = in.created != null ? in.created : clock.millis() / 1000;
        long expires = in.expires != null ? in.expires : created + DEFAULT_LIFETIME_SECONDS;
        String nonce = in.nonce != null ? in.nonce : newNonce();
        String keyId = in.keyId != null ? in.keyId : in.apiKey;

        StringBuilder params = new StringBuilder("(");
        for (int i = 0; i < in.components.size(); i++) {
            if (i > 0) {
                params.append(' ');
            }
            params.append('"').append(in.components.get(i)).append('"');
        }
        params.append(')');
        params.append(";keyid=\"").append(keyId).append('"');
        params.append(";nonce=\"").append(nonce).append('"');
        if (in.alg != null) {
            params.append(";alg=\"").append(in.alg).append('"');
        }
        params.append(";created=").append(created);
        params.append(";expires=").append(expires);
        in.extraParams.forEach((k, v) -> params.append(';').append(k).append('=').append(v));
        String signatureParams = params.toString();

        StringBuilder base = new StringBuilder();
        for (String component : in.components) {
            base.append('"').append(component).append("\": ").append(componentValue(in, component)).append('\n');
        }
        base.append("\"@signature-params\": ").append(signatureParams);

        byte[] mac = hmac(Base64.getDecoder().decode(in.secret), base.toString());
        if (in.corruptSignature) {
            mac[0] ^= 0x01;
        }
        String signature = in.label + "=:" + Base64.getEncoder().encodeToString(mac) + ":";
        return new Signed(in.label + "=" + signatureParams, signature, base.toString(),
                created, expires, nonce, keyId);
    }

    private static String componentValue(Input in, String component) {
        String value;
        switch (component) {
            case "@request-target": value = in.requestTarget; break;
            case "@authority": value = in.authority == null ? null : in.authority.toLowerCase(java.util.Locale.ROOT); break;
            case "host": value = in.authority; break;
            case "audiohook-organization-id": value = in.organizationId; break;
            case "audiohook-session-id": value = in.sessionId; break;
            case "audiohook-correlation-id": value = in.correlationId; break;
            case "x-api-key": value = in.apiKey; break;
            default: value = in.extraComponents.get(component);
        }
        if (value == null) {
            throw new IllegalArgumentException("no value for signed component " + component);
        }
        return value.trim();
    }

    private static byte[] hmac(byte[] key, String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal for HMAC but SecretKeySpec refuses it; one zero byte is
            // equivalent because HMAC zero-pads the key to the block size.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two header values plus what went into them, for assertions and debugging. */
    public record Signed(String signatureInput, String signature, String signatureBase,
                         long created, long expires, String nonce, String keyId) {

        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Signature-Input", signatureInput);
            headers.put("Signature", signature);
            return headers;
        }

        /** Same signature value under a different Signature-Input, e.g. a tampered expires. */
        public Signed withSignatureInput(String otherInput) {
            return new Signed(otherInput, signature, signatureBase, created, expires, nonce, keyId);
        }
    }

    /** What gets signed. Unset optional fields take Genesys' defaults at signing time. */
    public static final class Input {
        String requestTarget;
        String authority;
        String organizationId;
        String sessionId;
        String correlationId;
        String apiKey;
        String secret;
        Long created;
        Long expires;
        String nonce;
        String keyId;
        String alg = ALG;
        String label = LABEL;
        List<String> components = COMPONENTS;
        boolean corruptSignature;
        final Map<String, String> extraParams = new LinkedHashMap<>();
        final Map<String, String> extraComponents = new LinkedHashMap<>();

        public Input requestTarget(String v) { requestTarget = v; return this; }
        public Input authority(String v) { authority = v; return this; }
        public Input organizationId(String v) { organizationId = v; return this; }
        public Input sessionId(String v) { sessionId = v; return this; }
        public Input correlationId(String v) { correlationId = v; return this; }
        public Input apiKey(String v) { apiKey = v; return this; }
        /** Client secret as configured in Genesys: base64 text, decoded before use as HMAC key. */
        public Input secret(String v) { secret = v; return this; }
        public Input created(long v) { created = v; return this; }
        public Input expires(long v) { expires = v; return this; }
        public Input nonce(String v) { nonce = v; return this; }
        /** Overrides keyid (defaults to the API key); for keyid-mismatch tests. */
        public Input keyId(String v) { keyId = v; return this; }
        /** Null omits the alg parameter. */
        public Input alg(String v) { alg = v; return this; }
        public Input label(String v) { label = v; return this; }
        public Input components(List<String> v) { components = new ArrayList<>(v); return this; }
        public Input component(String name, String value) { extraComponents.put(name, value); return this; }
        /** Appends a raw parameter (serialized value as given) after expires. */
        public Input extraParam(String name, String serializedValue) { extraParams.put(name, serializedValue); return this; }
        /** Flips one bit of the MAC after computing it. */
        public Input corruptSignature(boolean v) { corruptSignature = v; return this; }

        public Input copy() {
            Input c = new Input();
            c.requestTarget = requestTarget; c.authority = authority; c.organizationId = organizationId;
            c.sessionId = sessionId; c.correlationId = correlationId; c.apiKey = apiKey; c.secret = secret;
            c.created = created; c.expires = expires; c.nonce = nonce; c.keyId = keyId; c.alg = alg;
            c.label = label; c.components = components; c.corruptSignature = corruptSignature;
            c.extraParams.putAll(extraParams); c.extraComponents.putAll(extraComponents);
            return c;
        }
    }
}
