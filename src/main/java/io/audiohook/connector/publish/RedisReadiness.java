package io.audiohook.connector.publish;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Not ready while Redis does not answer PING, when this instance uses Redis: its nonces and transcripts live
 * there, so a load balancer should send new calls elsewhere. Liveness is unaffected: restarting would not
 * bring Redis back.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {
    static final String NAME = "redis";
    /** Well under the probe timeouts of Kubernetes and Cloud Run (1 s and up). */
    static final Duration PING_TIMEOUT = Duration.ofMillis(800);

    private static final Logger LOG = Logger.getLogger(RedisReadiness.class);

    @Inject
    RedisUse usage;
    @Inject
    Instance<RedisLanes> redis;

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!usage.inUse()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("used", false).build());
        }
        return redis.get().calls().execute("PING")
                .ifNoItem().after(PING_TIMEOUT).fail()
                .map(pong -> HealthCheckResponse.named(NAME).up().build())
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Redis readiness ping failed: %s", failure.toString());
                    return HealthCheckResponse.named(NAME).down().withData("error", "no answer to PING").build();
                });
    }
}
