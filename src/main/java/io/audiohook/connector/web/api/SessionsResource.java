package io.audiohook.connector.web.api;

import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.audiohook.connector.web.LiveSessions;
import io.smallrye.common.annotation.NonBlocking;

/** The AudioHook sessions of this instance; each instance answers for its own, there is no cluster view. */
@Path("/api/v1/sessions")
@UiConnectorAuthenticated
public class SessionsResource {

    @Inject
    LiveSessions sessions;

    /** Oldest first. Reads in-memory state only, so it stays on the event loop. */
    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public List<SessionView> list() {
        return sessions.sessions().stream()
                .map(SessionView::of)
                .sorted(Comparator.comparing(SessionView::started))
                .toList();
    }
}
