package io.audiohook.connector.web;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An instance with small limits, shared by the tests that need them so that they share one application start: room
 * for two sessions ({@link CapacityTest}), and an HTTP idle timeout of one second ({@link IdleConnectionsTest}; the
 * AudioHook sockets are not subject to it, so the capacity test's calls are not either).
 */
public class SmallInstance implements QuarkusTestProfile {
    static final int MAX_SESSIONS = 2;
    static final Duration HTTP_IDLE_TIMEOUT = Duration.ofSeconds(1);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("connector.sessions.max", String.valueOf(MAX_SESSIONS),
                "quarkus.http.idle-timeout", HTTP_IDLE_TIMEOUT.toMillis() + "ms");
    }
}
