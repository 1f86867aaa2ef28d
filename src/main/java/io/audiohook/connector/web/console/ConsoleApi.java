package io.audiohook.connector.web.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.audiohook.connector.console.ConsoleBoard;
import io.audiohook.connector.console.ConsoleMessages;
import io.smallrye.mutiny.Multi;

/**
 * The console's API, for those {@link ConsoleAccessFilter} lets in: what the page needs to know first (open to all:
 * it says whether a token is needed), and the stream of every call's state and of one call's events (Server-Sent
 * Events).
 */
@Path("console/api")
public class ConsoleApi {
    @Inject
    ConsoleViewers viewers;
    @Inject
    ConsoleBoard board;

    /** What the page needs to know before it asks for anything else; needs no token (it says whether one is). */
    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("instance", board.settings().instanceId());
        info.put("tokenRequired", board.settings().tokenRequired());
        info.put("demoCalls", board.settings().demoCalls());
        return info;
    }

    /** Every call's state on each tick, and the selected call's events as they happen. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream(@QueryParam("call") String call) {
        Optional<Multi<String>> joined = viewers.join(Optional.ofNullable(call).filter(c -> !c.isBlank()));
        // the filter answered 503 to those who came when it was full; one who came with another at the same moment
        // is told so in the stream, which then ends cleanly (the page tries again later)
        return joined.orElseGet(() -> Multi.createFrom().item(ConsoleMessages.full()));
    }
}
