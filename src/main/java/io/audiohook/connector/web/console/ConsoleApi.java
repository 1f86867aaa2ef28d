package io.audiohook.connector.web.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.demo.DemoCall;
import io.smallrye.mutiny.Multi;

/**
 * The console's API, for those {@link ConsoleAccessFilter} lets in: what the page needs to know first (open to all:
 * it says whether a token is needed), a demo call in one click, and the stream of every call's state and of one call's events (Server-Sent
 * Events).
 */
@Path("console/api")
public class ConsoleApi {
    @Inject
    ConsoleViewers viewers;
    @Inject
    ConsoleBoard board;
    @Inject
    ConsoleDemoCalls demos;

    /** What the page needs to know before it asks for anything else; needs no token (it says whether one is). */
    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("instance", board.settings().instanceId());
        info.put("tokenRequired", board.settings().tokenRequired());
        info.put("demoCalls", demos.offered());
        return info;
    }

    /**
     * Places a demo call through this instance's own AudioHook endpoint: 202 with its ids (the page follows it), 404
     * where demo calls are off, 409 when no configured key can sign, 429 while {@value ConsoleDemoCalls#MAX_LIVE}
     * are live.
     */
    @POST
    @Path("demo-calls")
    @Produces(MediaType.APPLICATION_JSON)
    public Response placeDemoCall() {
        ConsoleDemoCalls.Placed placed = demos.place();
        if (placed.call().isPresent()) {
            DemoCall call = placed.call().get();
            return Response.accepted(Map.of("sessionId", call.sessionId(), "conversationId", call.conversationId()))
                    .build();
        }
        return switch (placed.refusal().orElseThrow()) {
            case OFF -> message(Response.Status.NOT_FOUND, "demo calls are offered in dev mode and demos only");
            case NO_SIGNING_KEY -> message(Response.Status.CONFLICT,
                    "demo calls are signed like Genesys: configure API_KEY with its CLIENT_SECRET");
            case UNUSABLE_CREDENTIALS -> message(Response.Status.CONFLICT,
                    "the first API key or allowed organization id cannot sign a demo call (see the log)");
            case NOT_LISTENING -> message(Response.Status.SERVICE_UNAVAILABLE, "the HTTP server is not listening yet");
            case BUSY -> message(Response.Status.TOO_MANY_REQUESTS, "demo calls are still running; try again soon");
        };
    }

    private static Response message(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("message", message))
                .build();
    }

    /** Every call's state on each tick, and the selected call's events as they happen. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream(@QueryParam("call") String call) {
        return viewers.join(Optional.ofNullable(call).filter(c -> !c.isBlank()));
    }
}
