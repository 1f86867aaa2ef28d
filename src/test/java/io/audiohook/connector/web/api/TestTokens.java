package io.audiohook.connector.web.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Tokens as the UI connector mints them, and the ways they can be wrong. */
public final class TestTokens {
    /** %test profile of application.properties. */
    public static final String PROJECT = "emulated-project";
    public static final String SECRET = "test-ui-connector-jwt-secret";

    /**
     * Signed by Python's {@code hmac} with the empty key (what the UI connector really does), exp 2100-01-01,
     * project {@value #PROJECT}; made outside Java so it does not depend on our padding argument.
     */
    static final String PYTHON_EMPTY_KEY_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJleHAiOjQxMDI0NDQ4MDAsImdjcF9hZ2VudF9hc3Npc3RfcHJvamVjdCI6ImVtdWxhdGVkLXByb2plY3QiLCJnY3BfYWdlbnRfYXNzaXN0X3VzZXIiOiJhZ2VudEBleGFtcGxlLmNvbSJ9"
            + ".uaTjPGM29IqW7qRIfVP7nEFa0fKgiqBsXKI7t4pEvOk";

    private TestTokens() {
    }

    /** With smallrye-jwt's builder (which adds {@code iat} and {@code jti} the UI connector does not send). */
    static String built(byte[] secret, String project, Instant exp) {
        return Jwt.claim(UiConnectorTokens.PROJECT_CLAIM, project)
                .claim(UiConnectorTokens.USER_CLAIM, "agent@example.com")
                .expiresAt(exp)
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(UiConnectorTokens.hmacKey(secret), "HmacSHA256"));
    }

    public static String valid() {
        return uiConnector(SECRET.getBytes(StandardCharsets.UTF_8), PROJECT, Instant.now().plusSeconds(3600));
    }

    /** Byte for byte what PyJWT produces: header and claims in its order, compact JSON, nothing else. */
    static String uiConnector(byte[] secret, String project, Instant exp) {
        return hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"exp\":" + exp.getEpochSecond()
                + ",\"gcp_agent_assist_project\":\"" + project + "\",\"gcp_agent_assist_user\":\"agent@example.com\"}",
                secret);
    }

    static String hs256(String header, String payload, byte[] secret) {
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + b64(hmacSha256(secret, signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    static String unsigned(String payload) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    static String rs256(String project, Instant exp) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.claim(UiConnectorTokens.PROJECT_CLAIM, project).expiresAt(exp)
                    .jws().algorithm(SignatureAlgorithm.RS256).sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String payload(String project, Instant exp) {
        return "{\"exp\":" + exp.getEpochSecond() + ",\"gcp_agent_assist_project\":\"" + project + "\"}";
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses empty keys; HMAC pads short keys with zeros, so 64 zeros stand in for "".
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
