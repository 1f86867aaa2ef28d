package io.audiohook.connector.app;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.audiohook.connector.console.ConsoleSettings;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The live console at {@code /} and {@code /console}: the calls of this instance (and of every instance when Redis is
 * in use), each call's transcript, suggestions and protocol events as they happen, and a demo call in one click.
 */
@ConfigMapping(prefix = "connector.console")
public interface ConsoleConfig {

    /**
     * Serve the console. Unset: on in dev mode and in a demo (the packaged app serving the Dialogflow emulator), off
     * in production, where it shows what callers say to whoever holds a token.
     */
    Optional<Boolean> enabled();

    /**
     * Viewers must show the HTTP API's token (the UI connector's JWT, see {@code connector.api}). Unset: not in dev
     * mode or a demo, always in production.
     */
    Optional<Boolean> tokenRequired();

    /** Ended calls kept for viewers (the newest). */
    @WithDefault("50")
    int endedCalls();

    /** How long an ended call stays on the console. */
    @WithDefault("10m")
    Duration endedKeep();

    /** Time-line entries kept per call (utterances, suggestions, protocol events); the oldest go. */
    @WithDefault("200")
    int timeline();

    /** Messages waiting per viewer; beyond, they are dropped (counted) and the viewer catches up. */
    @WithDefault("500")
    int viewerQueue();

    /** Viewers at once; more are refused (503). */
    @WithDefault("20")
    int maxViewers();

    /** How often viewers are sent every call's state. */
    @WithDefault("1s")
    Duration tick();

    /** Whether this instance is a dev or demo one (no real callers). */
    static boolean demo() {
        return demo(LaunchMode.current(), AgentAssist.servesEmulator());
    }

    /** Dev mode, the tests, and a packaged app that answers as Dialogflow itself are demos; production is not. */
    static boolean demo(LaunchMode mode, boolean servesEmulator) {
        return mode != LaunchMode.NORMAL || servesEmulator;
    }

    default boolean on() {
        return enabled().orElseGet(ConsoleConfig::demo);
    }

    default ConsoleSettings settings() {
        return new ConsoleSettings(on(), tokenRequired().orElse(!demo()), demo(), instanceId(), endedCalls(), endedKeep(),
                timeline(), viewerQueue(), maxViewers(), tick());
    }

    /** Cloud Run's revision and a random suffix (instances of one revision share it), else the host's name. */
    private static String instanceId() {
        String base = Optional.ofNullable(System.getenv("K_REVISION")).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "instance";
            }
        });
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
