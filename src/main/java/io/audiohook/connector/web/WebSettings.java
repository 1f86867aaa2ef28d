package io.audiohook.connector.web;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the WebSocket layer needs from the configuration.
 *
 * @param maxSessions  live sessions beyond which upgrades are answered 503
 * @param tick         how often every session's timeouts are checked
 * @param refusalDelay every refused upgrade takes at least this long, so timing says nothing about why
 * @param allowedProfiles the conversation profiles a call's {@code customConfig} may choose
 * @param traceProject the project the upgrade requests' traces are recorded in (the deployment's), which makes
 *                     the full trace name on a call's log lines; empty: the bare trace id
 */
public record WebSettings(int maxSessions, Duration tick, Duration refusalDelay, Set<String> allowedProfiles,
        Optional<String> traceProject) {
}
