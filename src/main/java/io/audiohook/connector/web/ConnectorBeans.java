package io.audiohook.connector.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.audiohook.connector.auth.ApiKeys;
import io.audiohook.connector.auth.Authenticator;
import io.audiohook.connector.auth.InMemoryNonceStore;
import io.audiohook.connector.auth.NonceStore;
import io.audiohook.connector.auth.SignatureVerifier;
import io.audiohook.connector.protocol.MediaFormat;
import io.audiohook.connector.protocol.ProtocolSettings;
import io.audiohook.connector.publish.ResumeWhenJoined;
import io.audiohook.connector.call.CallRecorder;
import io.audiohook.connector.web.redis.RedisNonceStore;
import io.audiohook.connector.web.redis.RedisUsage;
import io.quarkus.arc.DefaultBean;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/** Wires the framework-free packages from configuration. */
@ApplicationScoped
public class ConnectorBeans {
    private static final Logger LOG = Logger.getLogger(ConnectorBeans.class);

    @Produces
    @Singleton
    ApiKeys apiKeys(ConnectorConfig config) {
        ConnectorConfig.Auth auth = config.auth();
        ApiKeys keys = ApiKeys.parse(auth.apiKey(), auth.clientSecret(), auth.apiKeys());
        if (keys.isEmpty()) {
            LOG.warn("no API key configured: every AudioHook connection will be refused (set API_KEY)");
        } else {
            LOG.infof("%d API key(s) configured", keys.size());
        }
        return keys;
    }

    @Produces
    @DefaultBean
    @Singleton
    NonceStore nonceStore(ConnectorConfig config, RedisUsage redisUsage, Instance<ReactiveRedisDataSource> redis) {
        ConnectorConfig.Auth auth = config.auth();
        if (redisUsage.nonceStore() == ConnectorConfig.NonceStoreKind.REDIS) {
            LOG.info("signature nonces are kept in Redis, shared by all instances");
            return new RedisNonceStore(redis.get(), auth.nonceKeyPrefix(), auth.nonceStoreTimeout());
        }
        LOG.info("signature nonces are kept in memory: replays are refused by this instance only");
        return new InMemoryNonceStore(auth.nonceCacheSize());
    }

    @Produces
    @Singleton
    Authenticator authenticator(ConnectorConfig config, ApiKeys keys, NonceStore nonces) {
        ConnectorConfig.Auth auth = config.auth();
        SignatureVerifier verifier = new SignatureVerifier(keys, Clock.systemUTC(), auth.clockSkew(),
                auth.maxSignatureAge(), auth.minNonceLength());
        Set<String> organizations = auth.organizationIds().orElse(List.of()).stream()
                .map(id -> id.trim().toLowerCase(Locale.ROOT)).filter(id -> !id.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new Authenticator(verifier, nonces, organizations);
    }

    @Produces
    @Singleton
    ProtocolSettings protocolSettings(ConnectorConfig config, ResumeWhenJoined resumeWhenJoined) {
        ConnectorConfig.Protocol p = config.protocol();
        // calls wait paused for their desktop only when something will resume them
        boolean startPaused = p.startPaused() || resumeWhenJoined.active();
        List<MediaFormat> formats = p.formats().stream()
                .map(name -> MediaFormat.fromWire(name.trim().toUpperCase(Locale.ROOT))
                        .orElseThrow(() -> new IllegalArgumentException("unknown media format: " + name)))
                .toList();
        return new ProtocolSettings(formats, startPaused, p.languages(), p.acknowledgeUpdate(), p.openTimeout(),
                p.idleTimeout(), p.flushTimeout(), p.disconnectTimeout(), p.lingerTimeout());
    }

    /** Until a backend is plugged in, calls are only recorded. */
    @Produces
    @DefaultBean
    @Singleton
    CallRecorder callRecorder(ConnectorConfig config) {
        return new CallRecorder(config.sessions().recorded());
    }
}
