package io.audiohook.connector.assist;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Agent Assist against the in-process emulator with timings short enough for tests: backlogs drain at 8× real
 * time (the emulator does not mind), backoffs are short, and a conversation left without {@code end} is
 * completed after 2 s instead of 5 minutes.
 */
public class AssistTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "connector.assist.catch-up-rate", "8",
                "connector.assist.completion-grace", "2s",
                "connector.assist.backoff-initial", "50ms",
                "connector.assist.backoff-max", "400ms",
                "connector.assist.resource-exhausted-backoff", "100ms",
                "connector.assist.resource-exhausted-backoff-max", "400ms",
                "connector.assist.final-results-timeout", "3s");
    }
}
