package io.audiohook.connector.auth;

import static io.audiohook.connector.auth.Vectors.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

    private static final String UNSIGNED_KEY = "bm8tc2VjcmV0LWtleQ==";

    private final ApiKeys keys = ApiKeys.of(keyA(), new ApiKey(UNSIGNED_KEY, null));
    private final SignatureVerifier verifier = new SignatureVerifier(keys, AT_CREATED);

    private AuthOutcome verify(Map<String, List<String>> headers) {
        return verifier.verify(request(headers)).outcome();
    }

    private static Map<String, List<String>> signed(String signatureInput) {
        return signedHeaders(signatureInput, SIGNATURE_A);
    }

    /** Signs correctly with a parameter list of our choice, so only that parameter is at fault. */
    private static Map<String, List<String>> signedWithParams(String params) {
        String input = "sig1=" + COMPONENTS_A + params;
        SignatureParams p = SignatureParams.parse(input);
        UpgradeRequest unsigned = request(baseHeaders());
        String base = SignatureBase.build(p.components(), p.serialized(), unsigned);
        String mac = java.util.Base64.getEncoder().encodeToString(Hmac.sha256(keyA().secret(), base));
        return signedHeaders(input, "sig1=:" + mac + ":");
    }

    @Test
    void wrongSecretFails() {
        ApiKey other = ApiKey.of(API_KEY, "c29tZSBvdGhlciBzZWNyZXQ=");
        SignatureVerifier v = new SignatureVerifier(ApiKeys.of(other), AT_CREATED);
        AuthResult r = v.verify(requestA());
        assertEquals(AuthOutcome.FAILED, r.outcome());
        assertNull(r.nonce());
    }

    @Test
    void alteredCoveredHeaderFails() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.put("Audiohook-Session-Id", List.of("00000000-0000-0000-0000-000000000000"));
        assertEquals(AuthOutcome.FAILED, verify(h));
        h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.put("Host", List.of("evil.example.com"));
        assertEquals(AuthOutcome.FAILED, verify(h));
    }

    @Test
    void unknownKey() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.put("X-API-KEY", List.of("dW5rbm93bg=="));
        AuthResult r = verifier.verify(request(h));
        assertEquals(AuthOutcome.UNKNOWN_API_KEY, r.outcome());
        assertFalse(r.detail().contains("dW5rbm93bg=="), r.detail());

        Map<String, List<String>> unsigned = baseHeaders();
        unsigned.put("X-API-KEY", List.of("dW5rbm93bg=="));
        assertEquals(AuthOutcome.UNKNOWN_API_KEY, verify(unsigned));
    }

    @Test
    void missingKey() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.remove("X-API-KEY");
        assertEquals(AuthOutcome.MISSING_API_KEY, verify(h));
        h.put("X-API-KEY", List.of("  "));
        assertEquals(AuthOutcome.MISSING_API_KEY, verify(h));
    }

    @Test
    void unsignedWithSecretIsRejected() {
        assertEquals(AuthOutcome.UNSIGNED, verify(baseHeaders()));
    }

    @Test
    void unsignedWithoutSecretIsAccepted() {
        Map<String, List<String>> h = baseHeaders();
        h.put("X-API-KEY", List.of(UNSIGNED_KEY));
        AuthResult r = verifier.verify(request(h));
        assertEquals(AuthOutcome.OK, r.outcome());
        assertNull(r.nonce());
        assertNull(r.validUntil());
    }

    @Test
    void signatureForKeyWithoutSecretIsAcceptedUnverified() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.put("X-API-KEY", List.of(UNSIGNED_KEY));
        AuthResult r = verifier.verify(request(h));
        assertEquals(AuthOutcome.OK, r.outcome());
        assertNull(r.nonce(), "an unverified nonce must not be claimed");
    }

    @Test
    void onlyOneOfTheSignatureHeaders() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.remove("Signature");
        assertEquals(AuthOutcome.INVALID, verify(h));
        h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.remove("Signature-Input");
        assertEquals(AuthOutcome.INVALID, verify(h));
    }

    @Test
    void timeWindow() {
        UpgradeRequest req = requestA();
        assertEquals(AuthOutcome.EXPIRED, new SignatureVerifier(keys, clockAt(CREATED + 20)).verify(req).outcome());
        assertEquals(AuthOutcome.EXPIRED, new SignatureVerifier(keys, clockAt(CREATED + 14)).verify(req).outcome());
        assertEquals(AuthOutcome.OK, new SignatureVerifier(keys, clockAt(CREATED + 13)).verify(req).outcome());
        assertEquals(AuthOutcome.OK, new SignatureVerifier(keys, clockAt(CREATED - 3)).verify(req).outcome());
        assertEquals(AuthOutcome.EXPIRED, new SignatureVerifier(keys, clockAt(CREATED - 4)).verify(req).outcome());
        assertEquals(AuthOutcome.EXPIRED, new SignatureVerifier(keys, clockAt(CREATED - 3600)).verify(req).outcome());
    }

    @Test
    void expiresInThePastIsRejectedAfterSkew() {
        String p = ";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE + "\";alg=\"hmac-sha256\";created=" + CREATED
                + ";expires=" + (CREATED + 2);
        Map<String, List<String>> h = signedWithParams(p);
        assertEquals(AuthOutcome.OK, new SignatureVerifier(keys, clockAt(CREATED + 5)).verify(request(h)).outcome());
        assertEquals(AuthOutcome.EXPIRED, new SignatureVerifier(keys, clockAt(CREATED + 6)).verify(request(h)).outcome());
    }

    @Test
    void minimalParameterSetVerifies() {
        String p = ";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE + "\";created=" + CREATED;
        assertEquals(AuthOutcome.OK, verify(signedWithParams(p)));
    }

    @Test
    void keyIdMismatch() {
        assertEquals(AuthOutcome.PRECONDITION,
                verify(signedWithParams(";keyid=\"b3RoZXI=\";nonce=\"" + NONCE + "\";created=" + CREATED)));
        assertEquals(AuthOutcome.PRECONDITION,
                verify(signedWithParams(";nonce=\"" + NONCE + "\";created=" + CREATED)));
    }

    @Test
    void nonceRules() {
        String shortNonce = NONCE.substring(0, 21);
        assertEquals(AuthOutcome.PRECONDITION,
                verify(signedWithParams(";keyid=\"" + API_KEY + "\";nonce=\"" + shortNonce + "\";created=" + CREATED)));
        assertEquals(AuthOutcome.OK,
                verify(signedWithParams(";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE.substring(0, 22) + "\";created=" + CREATED)));
        assertEquals(AuthOutcome.PRECONDITION,
                verify(signedWithParams(";keyid=\"" + API_KEY + "\";created=" + CREATED)));
        assertEquals(AuthOutcome.PRECONDITION,
                verify(signedWithParams(";keyid=\"" + API_KEY + "\";nonce=\"" + "n".repeat(257) + "\";created=" + CREATED)));
    }

    @Test
    void missingCreated() {
        assertEquals(AuthOutcome.PRECONDITION,
                verify(signedWithParams(";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE + "\";expires=" + EXPIRES)));
    }

    @Test
    void signatureLabelMismatch() {
        assertEquals(AuthOutcome.INVALID, verify(signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A.replace("sig1", "sig2"))));
    }

    @Test
    void firstLabelIsUsed() {
        String input = SIGNATURE_INPUT_A + ", sig2=(\"x-api-key\");created=1";
        String sig = "sig2=:AAAA:, " + SIGNATURE_A;
        // The base still uses only sig1's own member text, so the MAC from vector A matches.
        assertEquals(AuthOutcome.OK, verify(signedHeaders(input, sig)));
        assertEquals(AuthOutcome.INVALID, verify(signedHeaders("sig2=(\"x-api-key\");created=1, " + SIGNATURE_INPUT_A, sig)));
    }

    @Test
    void headersSplitOverSeveralInstancesAreJoined() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.put("Signature-Input", List.of(SIGNATURE_INPUT_A, "sig2=(\"x-api-key\");created=1"));
        assertEquals(AuthOutcome.OK, verify(h));
    }

    @Test
    void unknownParameter() {
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A + ";tag=\"x\"")));
    }

    @Test
    void parameterOfWrongType() {
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("created=" + CREATED, "created=\"" + CREATED + "\""))));
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("created=" + CREATED, "created=-1"))));
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("alg=\"hmac-sha256\"", "alg=hmac-sha256"))));
    }

    @Test
    void duplicateParameterOrLabel() {
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A + ";created=" + CREATED)));
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A + ", " + SIGNATURE_INPUT_A)));
    }

    @Test
    void otherAlgorithm() {
        assertEquals(AuthOutcome.INVALID, verify(signedWithParams(
                ";keyid=\"" + API_KEY + "\";nonce=\"" + NONCE + "\";alg=\"rsa-pss-sha512\";created=" + CREATED)));
    }

    @Test
    void missingCoveredComponent() {
        for (String component : SignatureVerifier.REQUIRED_COMPONENTS) {
            String input = SIGNATURE_INPUT_A.replace("\"" + component + "\" ", "").replace(" \"" + component + "\"", "");
            assertNotEquals(SIGNATURE_INPUT_A, input);
            assertEquals(AuthOutcome.INVALID, verify(signed(input)), component);
        }
    }

    @Test
    void coveredHeaderAbsentFromRequest() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.remove("Audiohook-Correlation-Id");
        assertEquals(AuthOutcome.INVALID, verify(h));
        h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.remove("Host");
        assertEquals(AuthOutcome.INVALID, verify(h));
    }

    @Test
    void unsupportedOrDecoratedComponents() {
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("(\"@request-target\"", "(\"@method\" \"@request-target\""))));
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("\"x-api-key\")", "\"x-api-key\";sf)"))));
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("\"x-api-key\")", "\"X-API-KEY\")"))));
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A.replace("\"x-api-key\")", "\"x-api-key\" \"x-api-key\")"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", ",", "sig1", "sig1=", "sig1=(", "sig1=(\"@authority\"", "sig1=(\"a\" ", "SIG1=()", "1sig=()",
        "sig1=()", "sig1=();created=", "sig1=();created=abc", "sig1=();created=9999999999999999",
        "sig1=();created=1.5", "sig1=();keyid=\"unterminated", "sig1=();keyid=\"bad\\escape\"",
        "sig1=(\"\u00e9\")", "sig1=(\"a\"\"b\")", "sig1=(\"a\")x", "sig1=(\"a\"),", "sig1=(\"a\");;",
        "sig1=:AAAA:", "sig1=?1", "sig1=token", "sig1=(1 2 3)", "sig1=((\"a\"))", "\u0000", "sig1=(\"a\")\t;x",
    })
    void malformedSignatureInputIsInvalid(String input) {
        assertEquals(AuthOutcome.INVALID, verify(signed(input)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "sig1", "sig1=", "sig1=:", "sig1=:NZBwy", "sig1=:!!!!:", "sig1=NZBw", "sig1=\"NZBw\"",
        "sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:;x=1", "sig1=(:AAAA:)",
    })
    void malformedSignatureIsInvalid(String signature) {
        assertEquals(AuthOutcome.INVALID, verify(signedHeaders(SIGNATURE_INPUT_A, signature)));
    }

    @Test
    void wrongLengthMacFails() {
        assertEquals(AuthOutcome.FAILED, verify(signedHeaders(SIGNATURE_INPUT_A, "sig1=:AAAA:")));
    }

    @Test
    void oversizedHeaderIsInvalid() {
        assertEquals(AuthOutcome.INVALID, verify(signed(SIGNATURE_INPUT_A + ", " + "x=1, ".repeat(2000) + "y=1")));
    }

    @Test
    void lineBreakInCoveredHeaderIsInvalid() {
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A);
        h.put("Audiohook-Correlation-Id", List.of(CORRELATION + "\n\"x-api-key\": forged"));
        assertEquals(AuthOutcome.INVALID, verify(h));
    }

    @Test
    void randomGarbageNeverThrowsAndNeverPasses() {
        Random random = new Random(42);
        String alphabet = "sig1=():;\"\\ ,.-*?0123456789abcdefABC+/=\t\r\n\u00ff";
        for (int i = 0; i < 5000; i++) {
            Map<String, List<String>> h = signedHeaders(garbage(random, alphabet), garbage(random, alphabet));
            if (random.nextBoolean()) {
                // Mutate a valid header too, so the parser gets deep before it hits the damage.
                StringBuilder sb = new StringBuilder(SIGNATURE_INPUT_A);
                sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                h = signedHeaders(sb.toString(), SIGNATURE_A);
            }
            if (random.nextInt(10) == 0) {
                h.put("Host", new ArrayList<>(List.of(garbage(random, alphabet), "x")));
            }
            AuthResult r = verifier.verify(request(h));
            if (r.ok()) {
                // Only a mutation that happens to leave the header semantically equal may pass.
                assertEquals(SIGNATURE_A, h.get("Signature").get(0));
            }
        }
    }

    private static String garbage(Random random, String alphabet) {
        int len = random.nextInt(80);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void outcomeReasonsAreStable() {
        assertEquals("ok", AuthOutcome.OK.reason());
        assertEquals("unknown_api_key", AuthOutcome.UNKNOWN_API_KEY.reason());
        assertEquals("org_not_allowed", AuthOutcome.ORG_NOT_ALLOWED.reason());
    }

    @Test
    void detailsNeverContainTheKeyOrSecret() {
        List<Map<String, List<String>>> cases = List.of(
                signedHeaders(SIGNATURE_INPUT_A, SIGNATURE_A),
                baseHeaders(),
                signedHeaders(SIGNATURE_INPUT_C, SIGNATURE_A),
                signed(SIGNATURE_INPUT_A + ";x=1"));
        for (Map<String, List<String>> h : cases) {
            AuthResult r = verifier.verify(request(h));
            assertFalse(r.detail().contains(API_KEY), r.detail());
            assertFalse(r.detail().contains(SECRET), r.detail());
            assertFalse(r.toString().contains(API_KEY), r.toString());
        }
    }
}
