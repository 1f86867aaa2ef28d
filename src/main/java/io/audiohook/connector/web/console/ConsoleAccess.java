package io.audiohook.connector.web.console;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.web.api.ApiAccess;
import io.audiohook.connector.web.api.UiConnectorTokens;

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
        Optional<UiConnectorTokens> tokens = api.enabled() ? api.tokens() : Optional.empty();
        if (tokens.isPresent()) {
            UiConnectorTokens.Verdict verdict = tokens.get().verify(authorization);
            if (verdict.ok()) {
                return Optional.empty();
            }
            LOG.debugf("console request refused: %s", verdict.reason());
        } else {
            LOG.debug("console request refused: the API has no usable key");
        }
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"message\":\"unauthorized\"}").header("WWW-Authenticate", "Bearer").build());
    }
}
