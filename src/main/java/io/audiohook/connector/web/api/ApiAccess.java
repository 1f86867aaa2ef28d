package io.audiohook.connector.web.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Decides once, at startup, how API tokens are verified. A missing or ambiguous setting never stops the
 * service (its job is the AudioHook calls): the API then refuses every request, and says why once, at WARN.
 */
@Singleton
public class ApiAccess {
    private static final Logger LOG = Logger.getLogger(ApiAccess.class);

    private final boolean enabled;
    private final Optional<UiConnectorTokens> tokens;

    ApiAccess(ApiSettings config) {
        this.enabled = config.enabled();
        this.tokens = enabled ? tokens(config) : Optional.empty();
    }

    void logAtStartup(@Observes StartupEvent event) {
        // Constructing the bean is what logs; observing startup makes that happen at boot, not on the first request.
    }

    public boolean enabled() {
        return enabled;
    }

    /** Empty: no usable key, every request is refused. */
    public Optional<UiConnectorTokens> tokens() {
        return tokens;
    }

    /**
     * Why a request with this {@code Authorization} header is refused (for the DEBUG log only: every refusal looks
     * the same to the caller), or empty when its token is good. The API and the console ask the same.
     */
    public Optional<String> refusal(String authorization) {
        if (tokens.isEmpty()) {
            return Optional.of("no usable key configured");
        }
        UiConnectorTokens.Verdict verdict = tokens.get().verify(authorization);
        return verdict.ok() ? Optional.empty() : Optional.of(verdict.reason());
    }

    private static Optional<UiConnectorTokens> tokens(ApiSettings config) {
        Optional<String> project = config.projectId();
        if (project.isEmpty()) {
            return refuseAll("no project id configured (GCP_PROJECT_ID)");
        }
        int sources = (config.jwtSecret().isPresent() ? 1 : 0) + (config.jwtSecretFile().isPresent() ? 1 : 0)
                + (config.legacyEmptyKey() ? 1 : 0);
        if (sources == 0) {
            return refuseAll("no JWT secret configured (connector.api.jwt.secret or connector.api.jwt.secret-file)");
        }
        if (sources > 1) {
            return refuseAll("more than one of connector.api.jwt.secret, secret-file and legacy-empty-key is set");
        }
        if (config.legacyEmptyKey()) {
            LOG.warn("HTTP API accepts tokens signed with the EMPTY key (connector.api.jwt.legacy-empty-key=true), "
                    + "like Google's UI connector today: anyone who knows the project id can mint a token");
            return Optional.of(UiConnectorTokens.signedWith(new byte[0], project.get()));
        }
        Optional<byte[]> secret = config.jwtSecret().map(s -> s.getBytes(StandardCharsets.UTF_8))
                .or(() -> read(Path.of(config.jwtSecretFile().orElseThrow())));
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (secret.get().length == 0) {
            return refuseAll("the JWT secret file is empty; set connector.api.jwt.legacy-empty-key=true if that is meant");
        }
        LOG.infof("HTTP API accepts the UI connector's tokens for project %s", project.get());
        return Optional.of(UiConnectorTokens.signedWith(secret.get(), project.get()));
    }

    /**
     * The file as the UI connector reads it: Python text mode, so UTF-8 with universal newlines, and nothing
     * stripped (a trailing newline is part of the secret).
     */
    private static Optional<byte[]> read(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return Optional.of(text.replace("\r\n", "\n").replace('\r', '\n').getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return refuseAll("cannot read the JWT secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static <T> Optional<T> refuseAll(String why) {
        LOG.warnf("HTTP API refuses every request: %s", why);
        return Optional.empty();
    }
}
