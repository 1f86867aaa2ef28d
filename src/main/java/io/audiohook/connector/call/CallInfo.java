package io.audiohook.connector.call;

import java.util.Optional;

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
        CallConfig config,
        boolean startPaused) {

    /** The recognition language the call asks for: {@code open.language}, else its {@code customConfig}'s. */
    public Optional<String> requestedLanguage() {
        return language.isPresent() ? language : config.language();
    }
}
