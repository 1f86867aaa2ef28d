package io.audiohook.connector.web.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.audiohook.connector.console.ConsoleBoard;
import io.smallrye.mutiny.Multi;

/**
 * The console: its page at {@code /} and {@code /console} (plain HTML, CSS and JavaScript from the classpath, no
 * build step), and its API under {@code /console/api}: what it may do here, and the stream of the calls' state and
 * of one call's events (Server-Sent Events). Everything is 404 while the console is off.
 */
@Path("/")
public class ConsoleResource {
    private static final Set<String> ASSETS = Set.of("console.js", "console.css");

    @Inject
    ConsoleAccess access;
    @Inject
    ConsoleBoard board;
    @Inject
    ConsoleViewers viewers;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return page();
    }

    @GET
    @Path("console")
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return asset("index.html", MediaType.TEXT_HTML);
    }

    @GET
    @Path("console/{asset}")
    public Response asset(@PathParam("asset") String name) {
        if (!ASSETS.contains(name)) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return asset(name, name.endsWith(".js") ? "text/javascript" : "text/css");
    }

    /** What the page needs to know before it asks for anything else; needs no token (it says whether one is). */
    @GET
    @Path("console/api/info")
    @Produces(MediaType.APPLICATION_JSON)
    public Response info() {
        if (!access.on()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("instance", board.settings().instanceId());
        info.put("tokenRequired", board.settings().tokenRequired());
        info.put("demoCalls", board.settings().demoCalls());
        return Response.ok(info).build();
    }

    /** Every call's state on each tick, and the selected call's events as they happen. */
    @GET
    @Path("console/api/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream(@QueryParam("call") String call,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<Response> refused = access.check(authorization);
        if (refused.isPresent()) {
            return Multi.createFrom().failure(new jakarta.ws.rs.WebApplicationException(refused.get()));
        }
        Optional<Multi<String>> joined = viewers.join(Optional.ofNullable(call).filter(c -> !c.isBlank()));
        return joined.orElseGet(() -> Multi.createFrom().failure(new jakarta.ws.rs.WebApplicationException(
                Response.status(Response.Status.SERVICE_UNAVAILABLE).build())));
    }

    private Response asset(String name, String type) {
        if (!access.on()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
            return Response.ok(in.readAllBytes(), type + "; charset=utf-8").header("Cache-Control", "no-cache").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
