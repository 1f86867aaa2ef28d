package io.audiohook.connector.console;

import java.time.Duration;

/**
 * @param enabled         the console is served and the calls are watched for it
 * @param tokenRequired   viewers must show the HTTP API's token (production); dev mode and the demo need none
 * @param demoCalls       the console may place a demo call through this instance's own AudioHook endpoint
 * @param instanceId      how this instance names itself to viewers and to the other instances
 * @param endedCalls      ended calls kept for viewers, the newest, each for {@code endedKeep}
 * @param timeline        timeline entries kept per call (transcript finals, suggestions, protocol events)
 * @param viewerQueue     messages waiting per viewer; beyond, they are dropped and the viewer told to catch up
 * @param maxViewers      viewers at once; more are refused
 * @param tick            how often viewers get the calls' state (and their queued messages)
 */
public record ConsoleSettings(boolean enabled, boolean tokenRequired, boolean demoCalls, String instanceId, int endedCalls,
        Duration endedKeep, int timeline, int viewerQueue, int maxViewers, Duration tick) {
}
