package io.audiohook.connector.web.health;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.google.auth.oauth2.GoogleCredentials;

import io.audiohook.connector.web.ConnectorConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Not ready unless Agent Assist can work: a conversation profile is configured and, unless the emulator or a
 * plaintext endpoint is used, Application Default Credentials are found. The credentials are looked up once, at
 * startup on a thread of its own (the lookup may read files or ask the metadata server), and the result is cached.
 * An instance that serves only the Dialogflow emulator (no profile, emulator on) is ready without either.
 */
@Readiness
@ApplicationScoped
public class DialogflowReadiness implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DialogflowReadiness.class);
    static final String NAME = "dialogflow";

    @Inject
    ConnectorConfig config;

    /** null until the lookup finished; then empty when found, else why not. */
    private volatile Optional<String> credentialsProblem;

    void onStart(@Observes StartupEvent event) {
        if (!needsCredentials()) {
            credentialsProblem = Optional.empty();
            return;
        }
        Thread lookup = new Thread(() -> {
            try {
                GoogleCredentials.getApplicationDefault();
                credentialsProblem = Optional.empty();
                LOG.info("Application Default Credentials found");
            } catch (Exception | LinkageError e) {
                credentialsProblem = Optional.of("Application Default Credentials not found");
                LOG.warnf("Application Default Credentials not found (%s): not ready", e.getClass().getSimpleName());
            }
        }, "adc-lookup");
        lookup.setDaemon(true);
        lookup.start();
    }

    private Optional<String> profile() {
        return config.assist().conversationProfile().map(String::trim).filter(p -> !p.isEmpty());
    }

    private boolean emulatorServed() {
        return ConfigProvider.getConfig().getOptionalValue("connector.emulator.enabled", Boolean.class).orElse(false);
    }

    private boolean needsCredentials() {
        ConnectorConfig.Assist assist = config.assist();
        if (profile().isEmpty() || assist.emulator()) {
            return false;
        }
        if (assist.endpoint().isPresent()) {
            return !assist.plaintext();
        }
        return !emulatorServed();
    }

    @Override
    public HealthCheckResponse call() {
        if (profile().isEmpty()) {
            if (emulatorServed()) {
                return HealthCheckResponse.named(NAME).up().withData("assist", "emulator only").build();
            }
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", "no conversation profile (CONVERSATION_PROFILE_NAME)").build();
        }
        Optional<String> problem = credentialsProblem;
        if (problem == null) {
            return HealthCheckResponse.named(NAME).down().withData("error", "looking up credentials").build();
        }
        return problem.map(p -> HealthCheckResponse.named(NAME).down().withData("error", p).build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up()
                        .withData("credentials", needsCredentials() ? "application default" : "none needed")
                        .build());
    }
}
