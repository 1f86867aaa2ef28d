package io.audiohook.connector.auth;

import static io.audiohook.connector.auth.Vectors.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final String UNSIGNED_KEY = "dW5zaWduZWQ=";
    private final ApiKeys keys = ApiKeys.of(keyA(), new ApiKey(UNSIGNED_KEY, null));
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(CREATED));
    private final SignatureVerifier verifier = new SignatureVerifier(keys, clock);

    private static AuthResult run(Authenticator a, UpgradeRequest r) {
        return a.authenticate(r).toCompletableFuture().join();
    }

    @Test
    void replayIsRejected() {
        Authenticator a = new Authenticator(verifier, new InMemoryNonceStore(100, clock), null);
        assertEquals(AuthOutcome.OK, run(a, requestA()).outcome());
        AuthResult again = run(a, requestA());
        assertEquals(AuthOutcome.REPLAYED, again.outcome());
        assertEquals(keyA(), again.key());
    }

    @Test
    void replayAfterTheWindowIsExpiredNotReplayed() {
        Authenticator a = new Authenticator(verifier, new InMemoryNonceStore(100, clock), null);
        assertEquals(AuthOutcome.OK, run(a, requestA()).outcome());
        clock.advance(Duration.ofSeconds(14));
        assertEquals(AuthOutcome.EXPIRED, run(a, requestA()).outcome());
    }

    @Test
    void unsignedRequestsDoNotTouchTheNonceStore() {
        AtomicInteger claims = new AtomicInteger();
        NonceStore counting = (k, n, u) -> {
            claims.incrementAndGet();
            return CompletableFuture.completedFuture(true);
        };
        Authenticator a = new Authenticator(verifier, counting, Set.of());
        Map<String, List<String>> h = baseHeaders();
        h.put("X-API-KEY", List.of(UNSIGNED_KEY));
        assertEquals(AuthOutcome.OK, run(a, request(h)).outcome());
        assertEquals(AuthOutcome.OK, run(a, request(h)).outcome());
        assertEquals(0, claims.get());
        assertEquals(AuthOutcome.OK, run(a, requestA()).outcome());
        assertEquals(1, claims.get());
    }

    @Test
    void rejectedRequestsDoNotTouchTheNonceStore() {
        NonceStore failing = (k, n, u) -> {
            throw new AssertionError("must not be called");
        };
        Authenticator a = new Authenticator(verifier, failing, Set.of("11111111-1111-1111-1111-111111111111"));
        assertEquals(AuthOutcome.UNSIGNED, run(a, request(baseHeaders())).outcome());
        assertEquals(AuthOutcome.ORG_NOT_ALLOWED, run(a, requestA()).outcome());
    }

    @Test
    void organizationAllowList() {
        Authenticator a = new Authenticator(verifier, new InMemoryNonceStore(100, clock),
                Set.of(" D7934305-0972-4844-938E-9060EEF73D05 "));
        assertEquals(AuthOutcome.OK, run(a, requestA()).outcome());

        Authenticator other = new Authenticator(verifier, new InMemoryNonceStore(100, clock),
                Set.of("11111111-1111-1111-1111-111111111111"));
        AuthResult r = run(other, requestA());
        assertEquals(AuthOutcome.ORG_NOT_ALLOWED, r.outcome());
        assertEquals("org_not_allowed", r.outcome().reason());

        Map<String, List<String>> noOrg = baseHeaders();
        noOrg.remove("Audiohook-Organization-Id");
        noOrg.put("X-API-KEY", List.of(UNSIGNED_KEY));
        assertEquals(AuthOutcome.ORG_NOT_ALLOWED, run(other, request(noOrg)).outcome());
    }

    @Test
    void allowListAppliesToUnsignedRequestsToo() {
        Authenticator a = new Authenticator(verifier, new InMemoryNonceStore(100, clock),
                Set.of("11111111-1111-1111-1111-111111111111"));
        Map<String, List<String>> h = baseHeaders();
        h.put("X-API-KEY", List.of(UNSIGNED_KEY));
        assertEquals(AuthOutcome.ORG_NOT_ALLOWED, run(a, request(h)).outcome());
        h.put("Audiohook-Organization-Id", List.of("11111111-1111-1111-1111-111111111111"));
        assertEquals(AuthOutcome.OK, run(a, request(h)).outcome());
    }

    @Test
    void verificationFailuresPassThrough() {
        Authenticator a = new Authenticator(verifier, new InMemoryNonceStore(100, clock), null);
        Map<String, List<String>> h = signedHeaders(SIGNATURE_INPUT_C, SIGNATURE_A);
        assertEquals(AuthOutcome.FAILED, run(a, request(h)).outcome());
        // A failed attempt must not burn the nonce of the genuine request.
        assertEquals(AuthOutcome.OK, run(a, requestA()).outcome());
    }

    @Test
    void fullNonceStoreSurfacesAsFailureNotAsReplay() {
        InMemoryNonceStore store = new InMemoryNonceStore(1, clock);
        Authenticator a = new Authenticator(verifier, store, null);
        RequestSigner signer = new RequestSigner(keyA(), clock);
        assertEquals(AuthOutcome.OK, run(a, signedRequest(signer)).outcome());
        CompletionException e = assertThrows(CompletionException.class, () -> run(a, signedRequest(signer)));
        assertInstanceOf(NonceStoreFullException.class, e.getCause());
        assertEquals(1, store.rejectedFull());
    }

    @Test
    void validUntilIsPassedToTheStore() {
        Instant[] seen = new Instant[1];
        NonceStore recording = (k, n, u) -> {
            seen[0] = u;
            assertTrue(k.startsWith("sha256:"));
            return CompletableFuture.completedFuture(true);
        };
        run(new Authenticator(verifier, recording, null), requestA());
        assertEquals(Instant.ofEpochSecond(CREATED + 13), seen[0]);
    }

    private static UpgradeRequest signedRequest(RequestSigner signer) {
        RequestSigner.SignedHeaders s = signer.sign(PATH, HOST, ORG, SESSION, CORRELATION);
        return request(signedHeaders(s.signatureInput(), s.signature()));
    }
}
