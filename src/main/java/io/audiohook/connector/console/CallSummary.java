package io.audiohook.connector.console;

import java.util.List;
import java.util.Map;

/**
 * One call in the console's list: what a person running the service wants to see at a glance. Ids and counters
 * only: nothing of the caller.
 *
 * @param instance      the instance that holds the call
 * @param state         {@code probe}, {@code active}, {@code paused}, {@code closing} or {@code ended}
 * @param media         e.g. {@code PCMU 8000 Hz external, internal}; null before {@code open}
 * @param levels        the audio level of each channel's last frame in dBFS, in the channels' order; null: silence
 * @param streams       per role ({@code END_USER}, {@code HUMAN_AGENT}): Dialogflow's stream
 * @param desktop       {@code joined}, {@code waiting} (events wait for the agent's desktop) or {@code off}
 * @param outcome       how it ended, once it did
 */
public record CallSummary(String sessionId, String conversationId, String instance, String state, String mode,
        long startedMillis, long durationMillis, String media, List<String> channels, List<Double> levels,
        long droppedFrames, Map<String, Stream> streams, String desktop, String outcome, long endedMillis) {

    /**
     * @param state    {@code setting up}, {@code streaming}, {@code restarting}, {@code paused}, {@code stopped}
     * @param recycles streams replaced before Dialogflow's limit
     * @param restarts streams reopened after an error
     */
    public record Stream(String state, long recycles, long restarts, long droppedBytes) {
    }
}
