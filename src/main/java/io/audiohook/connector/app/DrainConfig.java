package io.audiohook.connector.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stopping an instance: new sessions are refused, running ones get this long before they are disconnected. */
@ConfigMapping(prefix = "connector.drain")
public interface DrainConfig {
    /** {@code DRAIN_GRACE}. */
    @WithDefault("30s")
    Duration grace();

    /** Calls are disconnected this long before the grace ends, so that their close (last results) fits in it. */
    @WithDefault("2s")
    Duration closeReserve();
}
