package io.audiohook.connector.app;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.audiohook.connector.assist.DialogflowCredentials;

/**
 * Not ready unless Agent Assist can work: a conversation profile is configured and, when Dialogflow is reached
 * over TLS (Google, or an emulator served like Google), its credentials give access tokens. The credentials are
 * the ones every call uses ({@link DialogflowCredentials}): looked up once off the event loops, and asked for a
 * token without waiting at each probe, so readiness goes DOWN while the token source (the metadata server on
 * Cloud Run) fails and UP again when it answers. An instance that serves only the Dialogflow emulator (no
 * profile, emulator on) is ready without either.
 */
@Readiness
@ApplicationScoped
public class DialogflowReadiness implements HealthCheck {
    static final String NAME = "dialogflow";

    @Inject
    AgentAssist assist;

    @Override
    public HealthCheckResponse call() {
        if (assist.factory().isEmpty()) {
            if (AgentAssist.servesEmulator()) {
                return HealthCheckResponse.named(NAME).up().withData("assist", "emulator only").build();
            }
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", "no conversation profile (CONVERSATION_PROFILE_NAME)").build();
        }
        Optional<DialogflowCredentials> credentials = assist.credentials();
        if (credentials.isEmpty()) {
            return HealthCheckResponse.named(NAME).up().withData("credentials", "none needed").build();
        }
        return credentials.get().problem()
                .map(p -> HealthCheckResponse.named(NAME).down().withData("error", p).build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("credentials", "application default")
                        .build());
    }
}
