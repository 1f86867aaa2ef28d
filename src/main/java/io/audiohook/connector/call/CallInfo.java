package io.audiohook.connector.call;

import java.util.Optional;

import io.audiohook.connector.log.TraceContext;
import io.audiohook.connector.protocol.MediaOffer;

/**
 * What the backend needs to know about a call. Caller numbers and names are deliberately absent: nothing
 * downstream needs them, so they cannot leak from here. The trace (of the upgrade request) is only for the
 * backend's log lines.
 */
public record CallInfo(
        String sessionId,
        String correlationId,
        String organizationId,
        String conversationId,
        MediaOffer media,
        Optional<String> language,
        CallConfig config,
        CallMode mode,
        boolean startPaused,
        Optional<TraceContext> trace) {

    /** Results go back to Genesys as {@code transcript} events. */
    public boolean transcribes() {
        return mode == CallMode.TRANSCRIPTION;
    }

    /** Results go to the agent desktop: unless the call's {@code customConfig} turned Agent Assist off. */
    public boolean assists() {
        return config.assists();
    }

    /** The recognition language the call asks for: {@code open.language}, else its {@code customConfig}'s. */
    public Optional<String> requestedLanguage() {
        return language.isPresent() ? language : config.language();
    }
}
