package io.audiohook.connector.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the API key and HTTP message signature of an AudioHook upgrade request.
 *
 * <p>Pure and thread-safe: it keeps no state between calls, so replay detection is left to the
 * caller (see {@link Authenticator}), which gets the verified nonce and how long to remember it
 * from the {@link AuthResult}.
 *
 * <p>{@link #verify} never throws for any request content; anything it cannot make sense of is
 * {@link AuthOutcome#INVALID}.
 */
public final class SignatureVerifier {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(3);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(10);
    /** Genesys sends 24 characters (18 random bytes); the reference server demands 22. */
    public static final int DEFAULT_MIN_NONCE_LENGTH = 22;

    /** Nonces are stored for replay detection, so their size must be bounded. */
    static final int MAX_NONCE_LENGTH = 256;

    /** The components Genesys always signs; without any of them the signature proves too little. */
    static final List<String> REQUIRED_COMPONENTS = List.of(
            SignatureBase.REQUEST_TARGET,
            SignatureBase.AUTHORITY,
            "audiohook-organization-id",
            "audiohook-session-id",
            "audiohook-correlation-id",
            "x-api-key");

    private static final String API_KEY_HEADER = "x-api-key";
    private static final String SIGNATURE_INPUT = "signature-input";
    private static final String SIGNATURE = "signature";

    private final ApiKeys keys;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final int minNonceLength;
    private final byte[] dummyKey = new byte[32];

    public SignatureVerifier(ApiKeys keys, Clock clock) {
        this(keys, clock, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_AGE, DEFAULT_MIN_NONCE_LENGTH);
    }

    public SignatureVerifier(ApiKeys keys, Clock clock, Duration clockSkew, Duration maxAge, int minNonceLength) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (clockSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("clockSkew must be >= 0 and maxAge > 0");
        }
        if (minNonceLength < 1 || minNonceLength > MAX_NONCE_LENGTH) {
            throw new IllegalArgumentException("minNonceLength must be in 1.." + MAX_NONCE_LENGTH);
        }
        this.minNonceLength = minNonceLength;
        new SecureRandom().nextBytes(dummyKey);
    }

    public AuthResult verify(UpgradeRequest request) {
        try {
            return doVerify(request);
        } catch (RuntimeException e) {
            // Parsing is defensive already; this is the last line keeping odd input from turning
            // into a 500 or a dropped connection without an answer.
            return new AuthResult(AuthOutcome.INVALID, null, "unexpected verification error: " + e.getClass().getSimpleName());
        }
    }

    private AuthResult doVerify(UpgradeRequest request) {
        Optional<String> presented = request.header(API_KEY_HEADER).filter(s -> !s.isEmpty());
        if (presented.isEmpty()) {
            return new AuthResult(AuthOutcome.MISSING_API_KEY, null, "no X-API-KEY header");
        }
        List<String> inputHeaders = request.headers(SIGNATURE_INPUT);
        List<String> signatureHeaders = request.headers(SIGNATURE);
        boolean signed = !inputHeaders.isEmpty() || !signatureHeaders.isEmpty();

        Optional<ApiKey> found = keys.find(presented.get());
        if (found.isEmpty()) {
            if (signed) {
                burnEquivalentTime(request, join(inputHeaders), join(signatureHeaders));
            }
            return new AuthResult(AuthOutcome.UNKNOWN_API_KEY, null,
                    "unknown API key " + ApiKey.fingerprintOf(presented.get()));
        }
        ApiKey key = found.get();
        String who = key.fingerprint();
        if (!key.hasSecret()) {
            // There is nothing to check a signature against, so the request gets the key-only
            // trust the operator configured instead of a rejection. This also lets a secret be
            // set in Genesys before it is configured here without an outage (the other order
            // gives UNSIGNED until Genesys is updated). The nonce is not claimed: unverified.
            return new AuthResult(AuthOutcome.OK, key,
                    signed ? who + ": signature present but key has no secret; not verified" : who + ": unsigned");
        }
        if (!signed) {
            return new AuthResult(AuthOutcome.UNSIGNED, key, who + ": key requires a signature but request is unsigned");
        }
        if (inputHeaders.isEmpty() || signatureHeaders.isEmpty()) {
            return new AuthResult(AuthOutcome.INVALID, key, who + ": only one of Signature-Input / Signature present");
        }

        SignatureParams params;
        byte[] presentedMac;
        try {
            params = SignatureParams.parse(join(inputHeaders));
            presentedMac = SignatureParams.parseSignature(join(signatureHeaders), params.label());
        } catch (IllegalArgumentException e) {
            return new AuthResult(AuthOutcome.INVALID, key, who + ": " + e.getMessage());
        }
        for (String required : REQUIRED_COMPONENTS) {
            if (!params.components().contains(required)) {
                return new AuthResult(AuthOutcome.INVALID, key, who + ": signature does not cover " + required);
            }
        }
        if (!presented.get().equals(params.keyId())) {
            return new AuthResult(AuthOutcome.PRECONDITION, key, who + ": keyid missing or different from X-API-KEY");
        }
        String nonce = params.nonce();
        if (nonce == null || nonce.length() < minNonceLength || nonce.length() > MAX_NONCE_LENGTH) {
            return new AuthResult(AuthOutcome.PRECONDITION, key,
                    who + ": nonce missing or length not in " + minNonceLength + ".." + MAX_NONCE_LENGTH);
        }
        if (params.alg() != null && !Hmac.ALG.equals(params.alg())) {
            return new AuthResult(AuthOutcome.INVALID, key, who + ": unsupported alg");
        }
        if (params.created() == null) {
            return new AuthResult(AuthOutcome.PRECONDITION, key, who + ": created missing");
        }
        if (params.expires() != null && params.expires() < params.created()) {
            return new AuthResult(AuthOutcome.INVALID, key, who + ": expires before created");
        }

        Instant now = clock.instant();
        Instant created = Instant.ofEpochSecond(params.created());
        Instant tooOldAfter = created.plus(maxAge).plus(clockSkew);
        if (created.isAfter(now.plus(clockSkew))) {
            return new AuthResult(AuthOutcome.EXPIRED, key, who + ": created " + created + " is in the future (now " + now + ")");
        }
        // expires is only ever used to shorten the window: Genesys' signer has been seen to put it
        // decades ahead, so a far-future value must not extend acceptance beyond maxAge.
        Instant validUntil = tooOldAfter;
        if (params.expires() != null) {
            Instant expiresWithSkew = Instant.ofEpochSecond(params.expires()).plus(clockSkew);
            if (expiresWithSkew.isBefore(now)) {
                return new AuthResult(AuthOutcome.EXPIRED, key, who + ": expired at " + Instant.ofEpochSecond(params.expires()));
            }
            if (expiresWithSkew.isBefore(validUntil)) {
                validUntil = expiresWithSkew;
            }
        }
        if (now.isAfter(tooOldAfter)) {
            return new AuthResult(AuthOutcome.EXPIRED, key, who + ": created " + created + " is too old (now " + now + ")");
        }

        String base;
        try {
            base = SignatureBase.build(params.components(), params.serialized(), request);
        } catch (IllegalArgumentException e) {
            return new AuthResult(AuthOutcome.INVALID, key, who + ": " + e.getMessage());
        }
        byte[] expected = Hmac.sha256(key.secretUnsafe(), base);
        if (!MessageDigest.isEqual(expected, presentedMac)) {
            return new AuthResult(AuthOutcome.FAILED, key, who + ": signature mismatch");
        }
        return new AuthResult(AuthOutcome.OK, key, who + ": signature verified", nonce, validUntil);
    }

    /**
     * Spends about the time a real verification would, so response timing does not reveal
     * whether a key exists. Callers should still add a fixed minimum delay to failures.
     */
    private void burnEquivalentTime(UpgradeRequest request, String signatureInput, String signature) {
        String base;
        try {
            SignatureParams params = SignatureParams.parse(signatureInput);
            base = SignatureBase.build(params.components(), params.serialized(), request);
        } catch (RuntimeException e) {
            base = signatureInput + signature;
        }
        Hmac.sha256(dummyKey, base);
    }

    private static String join(List<String> values) {
        return String.join(", ", values);
    }
}
