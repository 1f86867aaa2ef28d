package io.audiohook.connector.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.GenesysSigner;
import io.audiohook.connector.testkit.property.ClientMessageGen;
import io.audiohook.connector.testkit.property.Gen;
import io.audiohook.connector.testkit.property.Mutations;
import io.audiohook.connector.testkit.property.Property;
import io.audiohook.connector.testkit.property.StructuredFieldGen;
import io.audiohook.connector.testkit.property.Texts;

/**
 * Signatures end to end with generated keys, ids, targets, nonces, labels and times: what Genesys' signer (the test
 * client's {@link GenesysSigner}) and the server's own {@link RequestSigner} sign, the verifier accepts, and any
 * tampered or garbage header gets a refusal from the verifier's own checks, never its last-resort catch.
 */
class SignaturePropertyTest {
    static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** One request to sign: who, where, when, and the instant the verifier checks it (inside its window). */
    record Signing(String apiKey, byte[] secret, String target, String authority, String org, String session,
            String correlation, String nonce, String label, long created, long expires, long now) {

        ApiKey key() {
            return new ApiKey(apiKey, secret);
        }

        SignatureVerifier verifier() {
            return new SignatureVerifier(ApiKeys.of(key()), Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        }

        /** The end of the window: max age and skew after created, or skew after expires if sooner. */
        Instant validUntil() {
            return Instant.ofEpochSecond(Math.min(created + 13, expires + 3));
        }

        Map<String, List<String>> headers(String signatureInput, String signature) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Host", new ArrayList<>(List.of(authority)));
            headers.put("Audiohook-Organization-Id", new ArrayList<>(List.of(org)));
            headers.put("Audiohook-Session-Id", new ArrayList<>(List.of(session)));
            headers.put("Audiohook-Correlation-Id", new ArrayList<>(List.of(correlation)));
            headers.put("X-API-KEY", new ArrayList<>(List.of(apiKey)));
            headers.put("Signature-Input", new ArrayList<>(List.of(signatureInput)));
            headers.put("Signature", new ArrayList<>(List.of(signature)));
            return headers;
        }

        GenesysSigner.Signed signedLikeGenesys() {
            return new GenesysSigner(Clock.systemUTC(), new SecureRandom()).sign(new GenesysSigner.Input()
                    .requestTarget(target).authority(authority).organizationId(org).sessionId(session)
                    .correlationId(correlation).apiKey(apiKey).secret(Base64.getEncoder().encodeToString(secret))
                    .nonce(nonce).label(label).created(created).expires(expires));
        }
    }

    static Gen<Signing> signings(Gen<String> nonces) {
        Gen<Integer> visibleAscii = r -> r.nextInt(0x21, 0x7F);
        Gen<String> values = Gen.<String>choice().or(3, ClientMessageGen.uuids())
                .or(1, Texts.strings(Texts.printableAscii(), 0, 40));
        return random -> {
            byte[] secret = new byte[random.nextInt(1, 65)];
            random.nextBytes(secret);
            secret[0] |= 1; // never all zero: such a key is refused as no key at all
            String host = Texts.strings(Texts.of(ALNUM + ".-"), 1, 30).next(random)
                    + (random.nextBoolean() ? ":" + random.nextInt(1, 65536) : "");
            long created = Gen.longs(0, 999_999_000_000_000L).next(random);
            long expires = created + Gen.longs(0, 1_000_000).next(random);
            long now = created + random.nextLong(Math.min(13, expires - created + 3) + 1);
            String apiKey = Texts.strings(Texts.of(ALNUM + "+/_-"), 1, 60).next(random) + "=".repeat(random.nextInt(3));
            return new Signing(apiKey, secret, "/" + Texts.strings(visibleAscii, 0, 60).next(random), host,
                    values.next(random), values.next(random), values.next(random), nonces.next(random),
                    StructuredFieldGen.keys().next(random), created, expires, now);
        };
    }

    /** Base64 of 18 to 40 random bytes, as Genesys makes them. */
    static Gen<String> genesysNonces() {
        return random -> {
            byte[] bytes = new byte[random.nextInt(18, 41)];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        };
    }

    @Test
    void whatGenesysSignsIsVerified() {
        Property.forAll(signings(genesysNonces())).trials(2_000)
                .check("a request signed like Genesys is verified, its nonce kept to the end of its window", s -> {
                    GenesysSigner.Signed signed = s.signedLikeGenesys();
                    AuthResult result = s.verifier().verify(UpgradeRequest.of(s.target(),
                            s.headers(signed.signatureInput(), signed.signature())));
                    assertEquals(AuthOutcome.OK, result.outcome(), result.detail());
                    assertEquals(s.nonce(), result.nonce());
                    assertEquals(s.validUntil(), result.validUntil());
                    return null;
                });
    }

    @Test
    void whatTheServersSignerSignsParsesBackAndIsVerified() {
        Gen<String> anyNonce = Texts.strings(Texts.printableAscii(), SignatureVerifier.DEFAULT_MIN_NONCE_LENGTH, 80);
        Property.forAll(signings(anyNonce)).trials(1_000)
                .check("RequestSigner's headers parse to the parameters signed and are verified", s -> {
                    RequestSigner.SignedHeaders signed = new RequestSigner(s.key(), Clock.systemUTC()).sign(s.target(),
                            s.authority(), s.org(), s.session(), s.correlation(), s.created(), s.expires(), s.nonce());
                    SignatureParams params = SignatureParams.parse(signed.signatureInput());
                    assertEquals(List.of(RequestSigner.LABEL, SignatureVerifier.REQUIRED_COMPONENTS, s.apiKey(),
                            s.nonce(), Hmac.ALG, s.created(), s.expires()), List.of(params.label(), params.components(),
                            params.keyId(), params.nonce(), params.alg(), params.created(), params.expires()));
                    AuthResult result = s.verifier().verify(UpgradeRequest.of(s.target(),
                            s.headers(signed.signatureInput(), signed.signature())));
                    assertEquals(AuthOutcome.OK, result.outcome(), result.detail());
                    return null;
                });
    }

    /** A signed request with something changed, and what was signed. */
    record Tampered(Signing signing, GenesysSigner.Signed signed, String target, Map<String, List<String>> headers,
            String how) {
    }

    static Gen<Tampered> tampered() {
        return signings(genesysNonces()).flatMap(s -> random -> {
            GenesysSigner.Signed signed = s.signedLikeGenesys();
            Map<String, List<String>> headers = s.headers(signed.signatureInput(), signed.signature());
            List<String> names = new ArrayList<>(headers.keySet());
            String target = s.target();
            String how = switch (random.nextInt(8)) {
                case 0 -> edit(headers.get("Signature-Input"), random, "signature input edited");
                case 1 -> edit(headers.get("Signature"), random, "signature edited");
                case 2 -> edit(headers.get(Gen.element(names).next(random)), random, "a header edited");
                case 3 -> {
                    headers.get(random.nextBoolean() ? "Signature-Input" : "Signature")
                            .add(StructuredFieldGen.dictionaries().next(random).text());
                    yield "a second header instance";
                }
                case 4 -> {
                    headers.remove(Gen.element(names).next(random));
                    yield "a header removed";
                }
                case 5 -> {
                    headers.put(random.nextBoolean() ? "Signature-Input" : "Signature",
                            new ArrayList<>(List.of(StructuredFieldGen.dictionaries().next(random).text())));
                    yield "a header replaced";
                }
                case 6 -> {
                    headers.replaceAll((name, value) -> random.nextInt(3) == 0 ? value
                            : new ArrayList<>(List.of(Texts.anyStrings(60).next(random))));
                    yield "garbage";
                }
                default -> {
                    target = Mutations.ofText(Gen.constant(target)).next(random);
                    yield "target edited";
                }
            };
            return new Tampered(s, signed, target, headers, how);
        });
    }

    private static String edit(List<String> values, SplittableRandom random, String how) {
        values.replaceAll(value -> Mutations.ofText(Gen.constant(value)).next(random));
        return how;
    }

    static boolean parses(List<String> inputs, List<String> signatures) {
        try {
            SignatureParams params = SignatureParams.parse(String.join(", ", inputs));
            SignatureParams.parseSignature(String.join(", ", signatures), params.label());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void tamperedOrGarbageHeadersAreRefusedByTheChecksNotByAnError() {
        Property.forAll(tampered()).trials(3_000)
                .check("the verifier answers any tampered header with a refusal of its own checks", t -> {
                    UpgradeRequest request = UpgradeRequest.of(t.target(), t.headers());
                    AuthResult result = t.signing().verifier().verify(request);
                    assertFalse(result.detail().startsWith("unexpected verification error"), result.detail());
                    List<String> inputs = request.headers("signature-input");
                    List<String> signatures = request.headers("signature");
                    if (request.header("x-api-key").filter(t.signing().apiKey()::equals).isPresent()
                            && !inputs.isEmpty() && !signatures.isEmpty() && !parses(inputs, signatures)) {
                        assertEquals(AuthOutcome.INVALID, result.outcome(), "unparseable headers: " + result.detail());
                    }
                    if (result.ok()) {
                        SignatureParams params = SignatureParams.parse(String.join(", ", inputs));
                        assertEquals(t.signed().signatureBase(),
                                SignatureBase.build(params.components(), params.serialized(), request), t.how());
                        assertArrayEquals(SignatureParams.parseSignature(t.signed().signature(), t.signing().label()),
                                SignatureParams.parseSignature(String.join(", ", signatures), params.label()));
                    }
                    return result.outcome().reason();
                })
                .assertSeen("ok", "invalid", "failed", "missing_api_key", "unknown_api_key");
    }
}
