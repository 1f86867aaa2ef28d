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

        @WithDefault("100000")
        int nonceCacheSize();
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
}
