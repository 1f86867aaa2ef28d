package io.audiohook.connector.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key as configured in the Genesys AudioHook integration, with its optional client secret.
 *
 * <p>The secret is the HMAC key, i.e. the <em>decoded</em> bytes of the base64 text configured in
 * Genesys. An empty secret means the integration sends unsigned requests for this key.
 *
 * <p>{@link #toString()} and all exception messages only ever show a short SHA-256 fingerprint of
 * the key, so instances can be logged safely.
 */
public record ApiKey(String key, byte[] secret) {

    /** Same rule as Genesys' sample tools, so any key Genesys accepts is accepted here. */
    private static final Pattern KEY_FORMAT = Pattern.compile("^[a-zA-Z0-9+/_-]+={0,2}$");

    private static final byte[] NO_SECRET = new byte[0];

    public ApiKey {
        Objects.requireNonNull(key, "key");
        if (!KEY_FORMAT.matcher(key).matches()) {
            // The rejected text could be a mistyped secret, so it is deliberately not echoed.
            throw new IllegalArgumentException("API key has an invalid format (expected ^[a-zA-Z0-9+/_-]+={0,2}$)");
        }
        secret = secret == null || secret.length == 0 ? NO_SECRET : secret.clone();
        if (isAllZero(secret)) {
            // HMAC zero-pads short keys, so an all-zero key is indistinguishable from "no key".
            throw new IllegalArgumentException("client secret for " + fingerprintOf(key) + " must not be all zero bytes");
        }
    }

    /**
     * Builds a key from configuration text.
     *
     * @param key          the API key
     * @param base64Secret the client secret as standard, padded base64 (surrounding whitespace is
     *                     ignored); {@code null} or blank for "no secret"
     * @throws IllegalArgumentException if the key or the secret is malformed; the message never
     *                                  contains the secret
     */
    public static ApiKey of(String key, String base64Secret) {
        return new ApiKey(key, decodeSecret(key, base64Secret));
    }

    /** Returns a copy, so callers cannot alter the configured HMAC key. */
    @Override
    public byte[] secret() {
        return secret.length == 0 ? NO_SECRET : secret.clone();
    }

    /** {@code true} when requests using this key must carry a valid signature. */
    public boolean hasSecret() {
        return secret.length > 0;
    }

    /** Short, stable, non-reversible identifier of the key for logs, metrics and nonce namespaces. */
    public String fingerprint() {
        return fingerprintOf(key);
    }

    /** Avoids copying the secret for internal HMAC use. */
    byte[] secretUnsafe() {
        return secret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other
                && key.equals(other.key)
                && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[" + fingerprint() + ", secret=" + (hasSecret() ? "set" : "none") + "]";
    }

    static String fingerprintOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            // 48 bits: enough to tell configured keys apart, far too little to recover a key.
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    private static byte[] decodeSecret(String key, String base64Secret) {
        if (base64Secret == null || base64Secret.isBlank()) {
            return NO_SECRET;
        }
        String text = base64Secret.strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // The JDK message quotes the offending character, so the cause is not chained.
            throw new IllegalArgumentException("client secret for " + fingerprintOf(key) + " is not valid base64");
        }
        // The JDK decoder tolerates missing padding and stray low bits; re-encoding catches both,
        // which are usually signs of a truncated or mangled copy/paste.
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new IllegalArgumentException("client secret for " + fingerprintOf(key) + " is not canonical padded base64");
        }
        return decoded;
    }

    private static boolean isAllZero(byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
