package io.audiohook.connector.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenesysSignerTest {

    private static final String VECTOR_A_SIGNATURE = "sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:";
    private static final String VECTOR_A_INPUT = "sig1=(\"@request-target\" \"@authority\" \"audiohook-organization-id\" "
            + "\"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\");"
            + "keyid=\"SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh\";nonce=\"VGhpc0lzQVVuaXF1ZU5vbmNl\";"
            + "alg=\"hmac-sha256\";created=1641013200;expires=3282026430";

    private final GenesysSigner signer = new GenesysSigner();

    static GenesysSigner.Input vectorA() {
        return new GenesysSigner.Input()
                .requestTarget("/api/v1/voicebiometrics/ws")
                .authority("audiohook.example.com")
                .organizationId("d7934305-0972-4844-938e-9060eef73d05")
                .sessionId("30b0e395-84d3-4570-ac13-9a62d8f514c0")
                .correlationId("e160e428-53e2-487c-977d-96989bf5c99d")
                .apiKey("SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh")
                .secret("TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=")
                .nonce("VGhpc0lzQVVuaXF1ZU5vbmNl")
                .created(1641013200L)
                .expires(3282026430L);
    }

    @Test
    void reproducesDocumentationVectorA() {
        GenesysSigner.Signed signed = signer.sign(vectorA());
        assertEquals(VECTOR_A_SIGNATURE, signed.signature());
        assertEquals(VECTOR_A_INPUT, signed.signatureInput());
        assertEquals(7, signed.signatureBase().split("\n", -1).length);
        assertTrue(signed.signatureBase().startsWith("\"@request-target\": /api/v1/voicebiometrics/ws\n\"@authority\": audiohook.example.com\n"));
    }

    @Test
    void reproducesVectorBWhenHostIsCoveredInsteadOfAuthority() {
        List<String> components = List.of("@request-target", "host", "audiohook-organization-id",
                "audiohook-session-id", "audiohook-correlation-id", "x-api-key");
        assertEquals("sig1=:zupMJUMfd/kMuvKc5zhRyfJPE3jTROuz1S1hn8SCTpE=:",
                signer.sign(vectorA().components(components)).signature());
    }

    @Test
    void reproducesVectorCWithShortExpiry() {
        assertEquals("sig1=:13MrOmtEIFb8cH00czAZWdEkgJr9QlnAQABRRF1A2gE=:",
                signer.sign(vectorA().expires(1641013230L)).signature());
    }

    @Test
    void everyTamperingChangesTheSignature() {
        String other = Base64.getEncoder().encodeToString("another secret of 32 bytes......".getBytes());
        List<GenesysSigner.Input> tampered = List.of(
                vectorA().secret(other),
                vectorA().created(1641013201L),
                vectorA().expires(1641013230L),
                vectorA().nonce("AAAAAAAAAAAAAAAAAAAAAAAA"),
                vectorA().keyId("someone-else"),
                vectorA().authority("audiohook.example.com:8443"),
                vectorA().requestTarget("/api/v1/voicebiometrics/ws?x=1"),
                vectorA().sessionId("30b0e395-84d3-4570-ac13-9a62d8f514c1"),
                vectorA().corruptSignature(true));
        for (GenesysSigner.Input in : tampered) {
            assertNotEquals(VECTOR_A_SIGNATURE, signer.sign(in).signature());
        }
    }

    @Test
    void defaultsFollowGenesys() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        GenesysSigner fixed = new GenesysSigner(clock, new SecureRandom());
        GenesysSigner.Input in = vectorA();
        in.created = null;
        in.expires = null;
        in.nonce = null;
        GenesysSigner.Signed a = fixed.sign(in);
        GenesysSigner.Signed b = fixed.sign(in);
        assertEquals(1_700_000_000L, a.created());
        assertEquals(1_700_000_030L, a.expires());
        assertEquals(24, a.nonce().length());
        assertEquals(18, Base64.getDecoder().decode(a.nonce()).length);
        assertNotEquals(a.nonce(), b.nonce());
        assertTrue(a.signatureInput().endsWith(";alg=\"hmac-sha256\";created=1700000000;expires=1700000030"));
    }

    @Test
    void tamperedInputKeepsTheOriginalSignatureValue() {
        GenesysSigner.Signed signed = signer.sign(vectorA());
        GenesysSigner.Signed replay = signed.withSignatureInput(signed.signatureInput().replace("3282026430", "1641013230"));
        assertEquals(VECTOR_A_SIGNATURE, replay.signature());
        assertTrue(replay.signatureInput().endsWith("expires=1641013230"));
    }
}
