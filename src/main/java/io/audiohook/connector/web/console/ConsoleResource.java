package io.audiohook.connector.web.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


/**
 * The console's page at {@code /} and {@code /console} (plain HTML, CSS and JavaScript from the classpath, no build
 * step). None of it needs a token: the page holds nothing and asks for one where it must ({@link ConsoleApi} holds
 * what does). Everything is 404 while the console is off.
 */
@Path("/")
public class ConsoleResource {
    private static final Set<String> ASSETS = Set.of("console.js", "console.css");

    @Inject
    ConsoleAccess access;

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
