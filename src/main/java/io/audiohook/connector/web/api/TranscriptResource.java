package io.audiohook.connector.web.api;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.audiohook.connector.publish.Transcript;
import io.audiohook.connector.publish.TranscriptStore;
import io.smallrye.mutiny.Uni;

/**
 * The transcript so far of a conversation, with the suggestions compiled for each utterance, and its summary, from
 * the publisher's per-conversation Redis Stream. The conversation may be named by its Genesys id, its Dialogflow id
 * or its full name ({@link ConversationRef}); the full name may be sent with its slashes as they are or URL-encoded.
 * 404 when there is none: unknown conversation, nothing final said yet (no summary yet), or expired.
 */
@Path("/api/v1/conversations")
@UiConnectorAuthenticated
public class TranscriptResource {
    private static final Logger LOG = Logger.getLogger(TranscriptResource.class);

    @Inject
    TranscriptStore store;

    private final Optional<String> project;

    @Inject
    TranscriptResource(ApiSettings api) {
        // Our conversations live in the conversation profile's project; without a profile, in the API's.
        this.project = api.conversationProject();
    }

    /** Non-blocking end to end (reactive Redis), so it stays on the event loop. */
    @GET
    @Path("{conversation: .+}/transcript")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> transcript(@PathParam("conversation") String conversation) {
        return answer(conversation, (name, transcript) -> transcript.isEmpty() ? null
                : TranscriptView.of(name, transcript));
    }

    /** The summary Dialogflow made when the call ended ({@code close}/{@code end}); 404 until there is one. */
    @GET
    @Path("{conversation: .+}/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> summary(@PathParam("conversation") String conversation) {
        return answer(conversation, store::readSummary,
                (name, summary) -> summary.map(s -> SummaryView.of(name, s)).orElse(null));
    }

    private Uni<Response> answer(String conversation, BiFunction<String, Transcript, Object> view) {
        return answer(conversation, store::read, view);
    }

    /**
     * @param read what to read of the conversation (named without location)
     * @param view what to answer from its name and what was read; null for 404
     */
    private <T> Uni<Response> answer(String conversation, Function<String, Uni<T>> read,
            BiFunction<String, T, Object> view) {
        Optional<String> name = ConversationRef.nameWithoutLocation(conversation, project);
        if (name.isEmpty()) {
            return Uni.createFrom().item(notFound());
        }
        return read.apply(name.get())
                .map(found -> {
                    Object body = view.apply(name.get(), found);
                    return body == null ? notFound() : Response.ok(body).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("transcript read failed: %s", failure.toString());
                    return ApiAuthFilter.json(Response.Status.SERVICE_UNAVAILABLE,
                            new ApiMessage("transcript store unavailable"));
                });
    }

    private static Response notFound() {
        return ApiAuthFilter.json(Response.Status.NOT_FOUND, ApiMessage.NOT_FOUND);
    }
}
