package io.audiohook.connector.demo;

import java.time.Duration;

/**
 * One final transcript the service sent back on a demo call's socket (Transcription Connector mode): who spoke,
 * what, and where on the call's timeline it started.
 *
 * @param channel the negotiated channel it came from, {@code external} or {@code internal}
 */
public record TranscriptLine(Role role, String channel, String text, Duration offset) {

    /** Genesys' convention, which the bundled recording follows: external is the customer, internal the agent. */
    public enum Role {
        CUSTOMER, AGENT;

        static Role of(String channel) {
            return "internal".equals(channel) ? AGENT : CUSTOMER;
        }
    }
}
