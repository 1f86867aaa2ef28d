package io.audiohook.connector.auth;

import static io.audiohook.connector.auth.Vectors.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureVectorsTest {

    private final SignatureVerifier verifier = new SignatureVerifier(ApiKeys.of(keyA()), AT_CREATED);

    private static String mac(String base, byte[] key) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(key, base));
    }

    @Test
    void vectorA_baseMatchesTheDocumentedText() {
        SignatureParams params = SignatureParams.parse(SIGNATURE_INPUT_A);
        assertEquals("sig1", params.label());
        assertEquals(SignatureVerifier.REQUIRED_COMPONENTS, params.components());
        assertEquals(API_KEY, params.keyId());
        assertEquals(NONCE, params.nonce());
        assertEquals("hmac-sha256", params.alg());
        assertEquals(CREATED, params.created());
        assertEquals(EXPIRES, params.expires());
        assertEquals(BASE_A, SignatureBase.build(params.components(), params.serialized(), requestA()));
        assertEquals("NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=", mac(BASE_A, keyA().secret()));
    }

    @Test
    void vectorA_verifies() {
        AuthResult r = verifier.verify(requestA());
        assertEquals(AuthOutcome.OK, r.outcome(), r.detail());
        assertEquals(keyA(), r.key());
        assertEquals(NONCE, r.nonce());
        // expires is decades ahead, so the window is created + maxAge + skew.
        assertEquals(Instant.ofEpochSecond(CREATED + 13), r.validUntil());
    }

    @Test
    void vectorA_verifiesWithHeadersInAnotherOrderAndCase() {
        List<Map.Entry<String, List<String>>> entries =
                new java.util.ArrayList<>(signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A).entrySet());
        java.util.Collections.reverse(entries);
        Map<String, List<String>> shuffled = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : entries) {
            String name = e.getKey();
            name = name.length() % 2 == 0 ? name.toUpperCase() : name.toLowerCase();
            shuffled.put(name, e.getValue());
        }
        shuffled.put("HOST", List.of("AudioHook.Example.COM"));
        shuffled.remove("host");
        assertEquals(AuthOutcome.OK, verifier.verify(request(shuffled)).outcome());
    }

    @Test
    void vectorB_hostInsteadOfAuthority_baseMatchesButVerifierRequiresAuthority() {
        UpgradeRequest req = request(signedHeaders(SIGNATURE_INPUT_B, "sig1=:" + MAC_B + ":"));
        SignatureParams params = SignatureParams.parse(SIGNATURE_INPUT_B);
        String base = SignatureBase.build(params.components(), params.serialized(), req);
        assertTrue(base.contains("\n\"host\": audiohook.example.com\n"));
        assertEquals(MAC_B, mac(base, keyA().secret()));

        AuthResult r = verifier.verify(req);
        assertEquals(AuthOutcome.INVALID, r.outcome());
        assertTrue(r.detail().contains("@authority"), r.detail());
    }

    @Test
    void vectorC_tamperedExpiresFails_recomputedVerifies() {
        AuthResult tampered = verifier.verify(request(signedHeaders(SIGNATURE_INPUT_C, SIGNATURE_A)));
        assertEquals(AuthOutcome.FAILED, tampered.outcome());

        SignatureParams params = SignatureParams.parse(SIGNATURE_INPUT_C);
        UpgradeRequest req = request(signedHeaders(SIGNATURE_INPUT_C, "sig1=:" + MAC_C + ":"));
        assertEquals(MAC_C, mac(SignatureBase.build(params.components(), params.serialized(), req), keyA().secret()));
        AuthResult r = verifier.verify(req);
        assertEquals(AuthOutcome.OK, r.outcome(), r.detail());
        // expires + skew (…233) is later than created + maxAge + skew (…213), which wins.
        assertEquals(Instant.ofEpochSecond(CREATED + 13), r.validUntil());
    }

    @Test
    void vectorD_ietfGenericBase() {
        SignatureParams params = SignatureParams.parse(SIGNATURE_INPUT_D);
        assertEquals("sig-b25", params.label());
        assertEquals(List.of("date", "@authority", "content-type"), params.components());
        Map<String, List<String>> headers = Map.of(
                "date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"),
                "content-type", List.of("application/json"));
        String base = SignatureBase.build(params.components(), params.serialized(),
                name -> headers.getOrDefault(name, List.of()), null, "example.com");
        assertEquals(String.join("\n",
                "\"date\": Tue, 20 Apr 2021 02:07:55 GMT",
                "\"@authority\": example.com",
                "\"content-type\": application/json",
                "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\""),
                base);
        byte[] key = Base64.getDecoder().decode(KEY_D);
        byte[] expected = SignatureParams.parseSignature(SIGNATURE_D, params.label());
        assertArrayEquals(expected, Hmac.sha256(key, base));
        assertEquals("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=", mac(base, key));
    }

    @Test
    void headerValuesAreTrimmedAndRepeatedHeadersJoined() {
        Map<String, List<String>> headers = Map.of("x-multi", List.of("  a ", "b\r\n  c\t"));
        String base = SignatureBase.build(List.of("x-multi"), "(\"x-multi\")",
                name -> headers.getOrDefault(name, List.of()), null, null);
        assertEquals("\"x-multi\": a, b c\n\"@signature-params\": (\"x-multi\")", base);
    }
}
