package io.audiohook.connector.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the connector. The environment names Google's connector uses ({@code API_KEY}, ...) are
 * mapped onto these keys in {@code application.properties}.
 */
@ConfigMapping(prefix = "connector")
public interface ConnectorConfig {

    Auth auth();

    Sessions sessions();

    Protocol protocol();

    Assist assist();

    Drain drain();

    /** Stopping an instance: new sessions are refused, running ones get this long before they are disconnected. */
    interface Drain {
        /** {@code DRAIN_GRACE}. */
        @WithDefault("30s")
        Duration grace();

        /** Calls are disconnected this long before the grace ends, so that their close (last results) fits in it. */
        @WithDefault("2s")
        Duration closeReserve();
    }

    interface Auth {
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
    }

    enum NonceStoreKind {
        REDIS,
        MEMORY
    }

    interface Sessions {
        /** Upgrades beyond this many live sessions are answered 503. */
        @WithDefault("1000")
        int max();

        /** How often timeouts are checked. */
        @WithDefault("1s")
        Duration tick();

        /** Calls whose records the built-in recorder keeps. */
        @WithDefault("512")
        int recorded();
    }

    interface Protocol {
        @WithDefault("PCMU,L16")
        List<String> formats();

        @WithDefault("false")
        boolean startPaused();

        @WithDefault("en-US,en-GB,en-AU,en-IN,es-US,es-ES,fr-FR,fr-CA,de-DE,it-IT,pt-BR,ja-JP")
        List<String> languages();

        @WithDefault("false")
        boolean acknowledgeUpdate();

        @WithDefault("10s")
        Duration openTimeout();

        @WithDefault("60s")
        Duration idleTimeout();

        @WithDefault("5s")
        Duration flushTimeout();

        @WithDefault("10s")
        Duration disconnectTimeout();

        @WithDefault("5s")
        Duration lingerTimeout();
    }

    /** Agent Assist; off unless a conversation profile is configured. */
    interface Assist {
        /** {@code projects/<p>/locations/<l>/conversationProfiles/<id>} ({@code CONVERSATION_PROFILE_NAME}). */
        Optional<String> conversationProfile();

        /** {@code host:port} of a Dialogflow emulator running as its own process; overrides the regional endpoint. */
        Optional<String> endpoint();

        /** With {@code endpoint}: no TLS and no credentials. */
        @WithDefault("false")
        boolean plaintext();

        /** Talk to the emulator served by this application on its own HTTP port (plaintext, no credentials). */
        @WithDefault("false")
        boolean emulator();

        /** Speech model for every stream; the profile's {@code sttConfig.model} otherwise. */
        Optional<String> model();

        /** Audio per request. */
        @WithDefault("100ms")
        Duration chunk();

        /** A backlog is sent at most this many times faster than real time. */
        @WithDefault("2.0")
        double catchUpRate();

        /**
         * {@code enable_extended_streaming}: 3-minute streams, so about half as many streams per call-minute
         * (Preview; the conversation must be in the Agent Assist stage, which the connector's are).
         */
        @WithDefault("false")
        boolean extendedStreaming();

        /** gRPC deadline of every stream; by default a little above {@code recycle-max} (125 s, extended 185 s). */
        Optional<Duration> streamDeadline();

        /** Past this (audio sent or wall time, the larger), a stream is replaced after its next final result (90 s, extended 150 s). */
        Optional<Duration> recycleAfter();

        /** Past this, a stream is replaced at once (110 s, extended 170 s). */
        Optional<Duration> recycleMax();

        /** A stream not ready to take audio this long after it opened (no free slot on its connection) is tried again. */
        @WithDefault("5s")
        Duration streamStartTimeout();

        /** Streams one gRPC channel (one HTTP/2 connection) carries at most; Google's front ends take about 100. */
        @WithDefault("40")
        int maxStreamsPerChannel();

        /** Channels for streams at most; beyond them streams share the least loaded channel (counted, WARN). */
        @WithDefault("64")
        int maxChannels();

        /** A stream channel without streams this long is closed (one always stays). */
        @WithDefault("60s")
        Duration channelIdleClose();

        /** At most this much audio after the last final result is replayed on a new stream (not for chirp_3). */
        @WithDefault("3s")
        Duration lookback();

        @WithDefault("100ms")
        Duration backoffInitial();

        @WithDefault("5s")
        Duration backoffMax();

        /**
         * First delay after RESOURCE_EXHAUSTED or UNAUTHENTICATED (and between setup attempts), doubling with
         * jitter up to {@code resource-exhausted-backoff-max}; retried as long as the call lasts.
         */
        @WithDefault("2s")
        Duration resourceExhaustedBackoff();

        @WithDefault("20s")
        Duration resourceExhaustedBackoffMax();

        /** A stream that lived this long resets the backoff. */
        @WithDefault("10s")
        Duration healthyStream();

        /** Audio kept per channel while no stream takes it (setup, restarts); the oldest is dropped beyond. */
        @WithDefault("30s")
        Duration preSetupBuffer();

        /** How long {@code close} waits for the last results after the audio is sent. */
        @WithDefault("3s")
        Duration finalResultsTimeout();

        /** How long a conversation stays open for a reconnect after a session ended without {@code end}. */
        @WithDefault("5m")
        Duration completionGrace();

        @WithDefault("10000")
        int maxPendingCompletions();

        /** Events kept per conversation by the built-in in-memory sink. */
        @WithDefault("1000")
        int recentEvents();

        /** Conversations whose events the built-in sink keeps. */
        @WithDefault("256")
        int recentConversations();
    }
}
