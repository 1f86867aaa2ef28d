package io.audiohook.connector.auth;

import static io.audiohook.connector.auth.Vectors.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    @Test
    void reproducesVectorA() {
        RequestSigner signer = new RequestSigner(keyA(), AT_CREATED);
        RequestSigner.SignedHeaders s = signer.sign(PATH, HOST, ORG, SESSION, CORRELATION, CREATED, EXPIRES, NONCE);
        assertEquals(SIGNATURE_INPUT_A, s.signatureInput());
        assertEquals(SIGNATURE_A, s.signature());
    }

    @Test
    void lowerCasesTheAuthorityLikeAUrlParserWould() {
        RequestSigner signer = new RequestSigner(keyA(), AT_CREATED);
        assertEquals(SIGNATURE_A,
                signer.sign(PATH, "AudioHook.Example.com", ORG, SESSION, CORRELATION, CREATED, EXPIRES, NONCE).signature());
    }

    @Test
    void roundTripWithDefaults() {
        RequestSigner signer = new RequestSigner(keyA(), clockAt(1_700_000_000L));
        String target = "/api/v1/audiohook/ws?tenant=a%20b";
        String authority = "127.0.0.1:8443";
        RequestSigner.SignedHeaders s = signer.sign(target, authority, ORG, SESSION, CORRELATION);

        SignatureParams p = SignatureParams.parse(s.signatureInput());
        assertEquals(1_700_000_000L, p.created());
        assertEquals(1_700_000_030L, p.expires());
        assertEquals(24, p.nonce().length());
        assertEquals("sig1", p.label());

        Map<String, List<String>> h = baseHeaders();
        h.put("Host", List.of(authority));
        h.put("Signature-Input", List.of(s.signatureInput()));
        h.put("Signature", List.of(s.signature()));
        SignatureVerifier verifier = new SignatureVerifier(ApiKeys.of(keyA()), clockAt(1_700_000_002L));
        AuthResult r = verifier.verify(UpgradeRequest.of(target, h));
        assertEquals(AuthOutcome.OK, r.outcome(), r.detail());
        assertEquals(p.nonce(), r.nonce());

        // A different query string is a different request target.
        assertEquals(AuthOutcome.FAILED, verifier.verify(UpgradeRequest.of("/api/v1/audiohook/ws?tenant=b", h)).outcome());
    }

    @Test
    void freshNoncePerSignature() {
        RequestSigner signer = new RequestSigner(keyA(), AT_CREATED);
        String n1 = SignatureParams.parse(signer.sign(PATH, HOST, ORG, SESSION, CORRELATION).signatureInput()).nonce();
        String n2 = SignatureParams.parse(signer.sign(PATH, HOST, ORG, SESSION, CORRELATION).signatureInput()).nonce();
        assertNotEquals(n1, n2);
        assertTrue(RequestSigner.randomNonce().matches("[A-Za-z0-9+/]{24}"));
    }

    @Test
    void refusesKeyWithoutSecretAndUnquotableNonce() {
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner(new ApiKey(API_KEY, null)));
        RequestSigner signer = new RequestSigner(keyA(), AT_CREATED);
        assertThrows(IllegalArgumentException.class,
                () -> signer.sign(PATH, HOST, ORG, SESSION, CORRELATION, CREATED, EXPIRES, "bad\nnonce-xxxxxxxxxxxxxxxxx"));
    }
}
