package io.audiohook.connector.web.console;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Lets a request into the {@link ConsoleApi} only when the console is on (else 404), with the token where one is
 * required (else 401; {@code info}, which says whether one is, needs none), and, for the stream, while a viewer's place is free (else 503). Answered before the
 * response starts: a stream that had begun could no longer say why it ends.
 */
public class ConsoleAccessFilter {
    @Inject
    ConsoleAccess access;

    @ServerRequestFilter
    public Optional<Response> admit(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() != ConsoleApi.class) {
            return Optional.empty();
        }
        if ("info".equals(resource.getMethodName())) {
            return access.on() ? Optional.empty() : Optional.of(Response.status(Response.Status.NOT_FOUND).build());
        }
        Optional<Response> refused = access.check(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refused.isPresent()) {
            return refused;
        }
        if ("stream".equals(resource.getMethodName()) && access.full()) {
            return Optional.of(Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                    .build());
        }
        return Optional.empty();
    }
}
