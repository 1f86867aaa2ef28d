package io.audiohook.connector.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Authenticating Genesys before the WebSocket upgrade: API keys, signatures, nonces, organizations. */
@ConfigMapping(prefix = "connector.auth")
public interface AuthConfig {
    /** The single API key of the Genesys integration ({@code API_KEY}). */
    Optional<String> apiKey();

    /** Its base64 client secret ({@code CLIENT_SECRET}); without it requests must be unsigned. */
    Optional<String> clientSecret();

    /** More keys for rotation ({@code API_KEYS}): {@code key[:secret]} separated by commas or spaces. */
    Optional<String> apiKeys();

    /** Genesys organizations allowed to connect ({@code ALLOWED_ORGANIZATION_IDS}); empty allows any. */
    Optional<List<String>> organizationIds();

    @WithDefault("3s")
    Duration clockSkew();

    @WithDefault("10s")
    Duration maxSignatureAge();

    @WithDefault("22")
    int minNonceLength();

    /** Every refused upgrade takes at least this long, so timing says nothing about why. */
    @WithDefault("500ms")
    Duration failureDelay();

    /** Capacity of the in-memory nonce store. */
    @WithDefault("100000")
    int nonceCacheSize();

    /**
     * Where signature nonces are remembered: {@code redis} (shared by all instances) or {@code memory} (this
     * instance only). Unset: {@code redis} when publishing to Redis is enabled, {@code memory} otherwise.
     */
    Optional<NonceStoreKind> nonceStore();

    /** Redis keys are {@code <prefix>:nonce:<key fingerprint>:<nonce>}. */
    @WithDefault("audiohook")
    String nonceKeyPrefix();

    /** How long an upgrade waits for Redis to vouch for a nonce before it is answered 503. */
    @WithDefault("2s")
    Duration nonceStoreTimeout();

    /** Where signature nonces are remembered. */
    enum NonceStoreKind {
        REDIS,
        MEMORY
    }
}
