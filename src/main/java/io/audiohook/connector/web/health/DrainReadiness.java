package io.audiohook.connector.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.audiohook.connector.web.Draining;
import io.audiohook.connector.web.LiveSessions;

/** Not ready while draining: the load balancer must send new calls elsewhere. */
@Readiness
@ApplicationScoped
public class DrainReadiness implements HealthCheck {
    @Inject
    Draining drain;
    @Inject
    LiveSessions sessions;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sessions").status(!drain.draining()).withData("draining", drain.draining())
                .withData("active", sessions.active()).build();
    }
}
