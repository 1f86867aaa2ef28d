package io.audiohook.connector.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs an AudioHook upgrade request the way Genesys Cloud does, for test and load clients.
 * Output is byte-for-byte what Genesys sends for the same inputs. Thread-safe.
 */
public final class RequestSigner {

    public static final String LABEL = "sig1";

    /** Genesys' default lifetime; the verifier caps acceptance by its own max age anyway. */
    public static final long DEFAULT_LIFETIME_SECONDS = 30;

    private static final int NONCE_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Pre-serialized once: the component list never changes. */
    private static final String COMPONENT_LIST;

    static {
        StringBuilder sb = new StringBuilder("(");
        for (String c : SignatureVerifier.REQUIRED_COMPONENTS) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(StructuredFields.quote(c));
        }
        COMPONENT_LIST = sb.append(')').toString();
    }

    /** Header values to add to the request. */
    public record SignedHeaders(String signatureInput, String signature) {
    }

    private final ApiKey key;
    private final Clock clock;

    public RequestSigner(ApiKey key) {
        this(key, Clock.systemUTC());
    }

    /** @throws IllegalArgumentException if the key has no secret (such requests go unsigned) */
    public RequestSigner(ApiKey key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!key.hasSecret()) {
            throw new IllegalArgumentException("cannot sign with " + key + ": it has no secret");
        }
    }

    /** Signs with {@code created} = now, {@code expires} = created + 30 s and a fresh random nonce. */
    public SignedHeaders sign(String requestTarget, String authority,
            String organizationId, String sessionId, String correlationId) {
        long created = clock.instant().getEpochSecond();
        return sign(requestTarget, authority, organizationId, sessionId, correlationId,
                created, created + DEFAULT_LIFETIME_SECONDS, randomNonce());
    }

    /**
     * Signs with explicit parameters, for reproducible output and negative tests.
     *
     * @param requestTarget path plus query, exactly as it will be sent
     * @param authority     host[:port] as it will be sent in {@code Host}; lower-cased here
     * @param nonce         printable ASCII; {@code null} for a random one
     */
    public SignedHeaders sign(String requestTarget, String authority,
            String organizationId, String sessionId, String correlationId,
            long created, long expires, String nonce) {
        String n = nonce == null ? randomNonce() : nonce;
        String params = COMPONENT_LIST
                + ";keyid=" + StructuredFields.quote(key.key())
                + ";nonce=" + StructuredFields.quote(n)
                + ";alg=" + StructuredFields.quote(Hmac.ALG)
                + ";created=" + created
                + ";expires=" + expires;
        Map<String, List<String>> headers = Map.of(
                "audiohook-organization-id", List.of(organizationId),
                "audiohook-session-id", List.of(sessionId),
                "audiohook-correlation-id", List.of(correlationId),
                "x-api-key", List.of(key.key()));
        String base = SignatureBase.build(SignatureVerifier.REQUIRED_COMPONENTS, params,
                name -> headers.getOrDefault(name, List.of()),
                requestTarget, authority.toLowerCase(Locale.ROOT));
        byte[] mac = Hmac.sha256(key.secretUnsafe(), base);
        return new SignedHeaders(LABEL + "=" + params,
                LABEL + "=:" + Base64.getEncoder().encodeToString(mac) + ":");
    }

    /** 18 random bytes in base64: 24 characters without padding, like Genesys. */
    public static String randomNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
