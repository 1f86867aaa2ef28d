package io.audiohook.connector.web.redis;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.audiohook.connector.publish.PublishConfig;
import io.audiohook.connector.web.ConnectorConfig;
import io.audiohook.connector.web.ConnectorConfig.NonceStoreKind;

/**
 * Whether this instance depends on Redis, and for what. Replay protection follows the publisher: a deployment
 * that publishes to Redis runs several instances against one Redis, so nonces go there too unless
 * {@code connector.auth.nonce-store} says otherwise.
 */
@Singleton
public class RedisUsage {
    private final NonceStoreKind nonceStore;
    private final boolean publishing;

    @Inject
    RedisUsage(ConnectorConfig config, PublishConfig publish) {
        this(config.auth().nonceStore(), publish.enabled());
    }

    RedisUsage(Optional<NonceStoreKind> nonceStore, boolean publishing) {
        this.publishing = publishing;
        this.nonceStore = nonceStore.orElse(publishing ? NonceStoreKind.REDIS : NonceStoreKind.MEMORY);
    }

    public NonceStoreKind nonceStore() {
        return nonceStore;
    }

    /** Readiness checks Redis only when something here needs it. */
    public boolean inUse() {
        return publishing || nonceStore == NonceStoreKind.REDIS;
    }
}
