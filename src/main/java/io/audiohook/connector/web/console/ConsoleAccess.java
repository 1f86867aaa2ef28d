package io.audiohook.connector.web.console;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.web.api.ApiAccess;
import io.audiohook.connector.web.api.ApiAuthFilter;

/**
 * Who may use the console: nobody when it is off (404, as if it did not exist); anyone in dev mode and a demo; in
 * production only with the HTTP API's own token (the UI connector's JWT), refused like the API refuses.
 */
@ApplicationScoped // a proxy: request filters are made before the configuration is read
public class ConsoleAccess {
    private static final Logger LOG = Logger.getLogger(ConsoleAccess.class);

    @Inject
    ApiAccess api;
    @Inject
    ConsoleBoard board;

    public boolean on() {
        return board.settings().enabled();
    }

    /** As many viewers as allowed watch already. */
    boolean full() {
        return board.viewers().count() >= board.settings().maxViewers();
    }

    /** @return a refusal, or empty when the request may go on */
    Optional<Response> check(String authorization) {
        if (!on()) {
            return Optional.of(Response.status(Response.Status.NOT_FOUND).build());
        }
        if (!board.settings().tokenRequired()) {
            return Optional.empty();
        }
        Optional<String> refused = api.refusal(authorization);
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        LOG.debugf("console request refused: %s", refused.get());
        return Optional.of(ApiAuthFilter.unauthorized());
    }
}
