package io.audiohook.connector.auth;

import static io.audiohook.connector.auth.Vectors.API_KEY;
import static io.audiohook.connector.auth.Vectors.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {

    private static final String KEY2 = "c2Vjb25kLWtleQ";
    private static final String SECRET2 = "YW5vdGhlciBzZWNyZXQgb2YgMzIgYnl0ZXMgbG9uZyE=";

    @Test
    void singleForm() {
        ApiKeys keys = ApiKeys.parse(Optional.of(API_KEY), Optional.of(SECRET), Optional.empty());
        assertEquals(1, keys.size());
        ApiKey k = keys.find(API_KEY).orElseThrow();
        assertArrayEquals("MySuperSecretKeyTellNo-1!2@3#4$5".getBytes(StandardCharsets.US_ASCII), k.secret());
        assertTrue(k.hasSecret());
        assertTrue(keys.find("other").isEmpty());
        assertTrue(keys.find(null).isEmpty());
    }

    @Test
    void singleFormWithoutSecret() {
        ApiKeys keys = ApiKeys.parse(Optional.of(API_KEY), Optional.of(" "), Optional.of(""));
        assertFalse(keys.find(API_KEY).orElseThrow().hasSecret());
    }

    @Test
    void nothingConfigured() {
        ApiKeys keys = ApiKeys.parse(Optional.empty(), Optional.empty(), Optional.empty());
        assertTrue(keys.isEmpty());
        assertEquals(0, keys.size());
    }

    @Test
    void secretWithoutKeyIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(Optional.empty(), Optional.of(SECRET), Optional.empty()));
    }

    @Test
    void listFormWithMixedSeparators() {
        ApiKeys keys = ApiKeys.parse(Optional.empty(), Optional.empty(),
                Optional.of("  " + API_KEY + ":" + SECRET + " ,\n\t" + KEY2 + ",, plainkey== "));
        assertEquals(3, keys.size());
        assertTrue(keys.find(API_KEY).orElseThrow().hasSecret());
        assertTrue(keys.find(KEY2).orElseThrow().hasSecret() == false);
        assertFalse(keys.find("plainkey==").orElseThrow().hasSecret());
    }

    @Test
    void rotationAcceptsBothKeys() {
        ApiKeys keys = ApiKeys.parse(Optional.of(API_KEY), Optional.of(SECRET), Optional.of(KEY2 + ":" + SECRET2));
        assertEquals(2, keys.size());
        SignatureVerifier verifier = new SignatureVerifier(keys, Vectors.AT_CREATED);
        for (ApiKey k : List.of(keys.find(API_KEY).orElseThrow(), keys.find(KEY2).orElseThrow())) {
            RequestSigner.SignedHeaders s = new RequestSigner(k, Vectors.AT_CREATED)
                    .sign(Vectors.PATH, Vectors.HOST, Vectors.ORG, Vectors.SESSION, Vectors.CORRELATION);
            Map<String, List<String>> h = Vectors.signedHeaders(s.signatureInput(), s.signature());
            h.put("X-API-KEY", List.of(k.key()));
            assertEquals(AuthOutcome.OK, verifier.verify(Vectors.request(h)).outcome());
        }
    }

    @Test
    void duplicateKeys() {
        assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(Optional.of(API_KEY), Optional.empty(), Optional.of(API_KEY + ":" + SECRET)));
        assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(Optional.empty(), Optional.empty(), Optional.of(KEY2 + " " + KEY2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU", // padding missing
        "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDV=", // non-zero trailing bits
        "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JD!=",
        "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=x",
        "TXlTdXBlclNlY3JldEtleVRl_GxOby0xITJAMyM0JDU=", // URL-safe alphabet
        "AAAAAAAA", // all zero bytes
    })
    void badSecretsAreRejectedWithoutEchoingThem(String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(Optional.empty(), Optional.empty(), Optional.of(KEY2 + ":" + secret)));
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertFalse(e.getMessage().contains(KEY2), e.getMessage());
        assertTrue(e.getCause() == null);
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> ApiKey.of(KEY2, secret));
        assertFalse(single.getMessage().contains(secret), single.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"key:", "bad!key", "k=y", "key===", "ключ", "a:b:c"})
    void badEntries(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(Optional.empty(), Optional.empty(), Optional.of(entry)));
        assertTrue(e.getMessage().contains("#1"), e.getMessage());
    }

    @Test
    void toStringDoesNotLeak() {
        ApiKeys keys = ApiKeys.parse(Optional.of(API_KEY), Optional.of(SECRET), Optional.of(KEY2));
        ApiKey k = keys.find(API_KEY).orElseThrow();
        for (String s : List.of(keys.toString(), k.toString())) {
            assertFalse(s.contains(API_KEY), s);
            assertFalse(s.contains(API_KEY.substring(0, 8)), s);
            assertFalse(s.contains(SECRET.substring(0, 8)), s);
            assertFalse(s.contains(KEY2), s);
            assertFalse(s.contains("MySuper"), s);
        }
        assertTrue(k.toString().contains(k.fingerprint()));
        assertTrue(k.fingerprint().matches("sha256:[0-9a-f]{12}"));
    }

    @Test
    void secretIsDefensivelyCopied() {
        ApiKey k = ApiKey.of(API_KEY, SECRET);
        k.secret()[0] = 0;
        assertEquals('M', k.secret()[0]);
        byte[] raw = {1, 2, 3};
        ApiKey k2 = new ApiKey(API_KEY, raw);
        raw[0] = 9;
        assertEquals(1, k2.secret()[0]);
        assertEquals(new ApiKey(API_KEY, new byte[] {1, 2, 3}), k2);
    }
}
