package io.audiohook.connector.assist;

import java.util.Optional;

/**
 * What one participant's streams go to, known once the conversation is set up.
 *
 * @param humanAgentName  the agent's suggestions are addressed to it, whichever stream produced them
 * @param endUserName     the end user's suggestions likewise
 * @param language        the call's language ({@code open.language}, else the profile's)
 * @param profileLanguage the profile's language, where a refused call language falls back to
 * @param replayLookback  false for models that must not see audio twice ({@code chirp_3})
 */
record StreamTarget(String conversationName, String participantName, String humanAgentName, String endUserName,
        String language, String profileLanguage, Optional<String> model, boolean replayLookback) {
}
