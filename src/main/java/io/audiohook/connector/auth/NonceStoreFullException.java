package io.audiohook.connector.auth;

/**
 * The nonce store has no room for another live nonce. Requests are refused rather than admitted
 * unchecked, so a flood of valid signatures cannot switch replay protection off.
 */
public final class NonceStoreFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonceStoreFullException(String message) {
        // Stack traces are useless here and this can be thrown at a high rate under attack.
        super(message, null, false, false);
    }
}
