package io.audiohook.connector.call;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.protocol.MediaOffer;

/**
 * What the backend needs to know about a call. Caller numbers and names are deliberately absent: nothing
 * downstream needs them, so they cannot leak from here.
 */
public record CallInfo(
        String sessionId,
        String correlationId,
        String organizationId,
        String conversationId,
        MediaOffer media,
        Optional<String> language,
        ObjectNode customConfig,
        boolean startPaused) {
}
