package io.audiohook.connector.protocol;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

public record OpenParameters(
        String organizationId,
        String conversationId,
        Participant participant,
        List<MediaOffer> media,
        Optional<String> language,
        boolean supportedLanguages,
        List<ContinuedSession> continuedSessions,
        ObjectNode customConfig) {

    public OpenParameters {
        media = List.copyOf(media);
        continuedSessions = List.copyOf(continuedSessions);
    }

    /** Genesys probes an integration with a null conversation id; such sessions must do no backend work. */
    public boolean isProbe() {
        return Uuids.isNull(conversationId);
    }
}
