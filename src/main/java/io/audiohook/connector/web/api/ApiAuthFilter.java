package io.audiohook.connector.web.api;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Admits a request to a {@link UiConnectorAuthenticated} resource only with a valid token. Every refusal
 * looks the same to the caller; the reason goes to the DEBUG log. Verification is a single HMAC, so it runs
 * wherever the request is, event loop included.
 */
public class ApiAuthFilter {
    private static final Logger LOG = Logger.getLogger(ApiAuthFilter.class);

    @Inject
    ApiAccess access;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null
                || !resource.getResourceClass().isAnnotationPresent(UiConnectorAuthenticated.class)) {
            return Optional.empty();
        }
        if (!access.enabled()) {
            return Optional.of(json(Response.Status.NOT_FOUND, ApiMessage.NOT_FOUND));
        }
        Optional<String> refused = access.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        LOG.debugf("API request %s %s refused: %s", request.getMethod(), request.getUriInfo().getPath(),
                refused.get());
        return Optional.of(unauthorized());
    }

    /** The one 401 of the API and the console: the same body whatever the reason, and a Bearer challenge. */
    public static Response unauthorized() {
        Response refusal = json(Response.Status.UNAUTHORIZED, ApiMessage.UNAUTHORIZED);
        refusal.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return refusal;
    }

    static Response json(Response.Status status, ApiMessage message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(message).build();
    }
}
