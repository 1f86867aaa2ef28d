package io.audiohook.connector.assist;

import java.util.Optional;

/**
 * What one participant's streams go to, known once the conversation is set up.
 *
 * @param humanAgentName suggestions are addressed to the agent whichever stream produced them
 * @param replayLookback false for models that must not see audio twice ({@code chirp_3})
 */
record StreamTarget(String conversationName, String participantName, String humanAgentName, String language,
        Optional<String> model, boolean replayLookback) {
}
