package io.audiohook.connector.app;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The AudioHook sessions of this instance. */
@ConfigMapping(prefix = "connector.sessions")
public interface SessionsConfig {
    /** Upgrades beyond this many live sessions are answered 503. */
    @WithDefault("1000")
    int max();

    /** How often timeouts are checked. */
    @WithDefault("1s")
    Duration tick();

    /** Calls whose records the built-in recorder keeps. */
    @WithDefault("512")
    int recorded();

    /**
     * Hand every call to the built-in recorder too (a compact record per call, for tests, dev and demos). Unset:
     * on in dev and test, in a packaged app only when it serves the Dialogflow emulator (a demo); never on
     * production calls, where it would only cost CPU.
     */
    Optional<Boolean> record();

    /**
     * What the WebSocket layer needs.
     *
     * @param allowedProfiles the profiles a call's {@code customConfig} may choose
     * @param traceProject    the deployment's project ({@code GCP_PROJECT_ID}), where Cloud Run records the traces
     */
    default io.audiohook.connector.web.WebSettings settings(AuthConfig auth, java.util.Set<String> allowedProfiles,
            Optional<String> traceProject) {
        return new io.audiohook.connector.web.WebSettings(max(), tick(), auth.failureDelay(), allowedProfiles,
                traceProject.map(String::trim).filter(p -> !p.isEmpty()));
    }
}
