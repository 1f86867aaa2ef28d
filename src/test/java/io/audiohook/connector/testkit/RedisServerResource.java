package io.audiohook.connector.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Every {@code @QuarkusTest} application gets its own real Redis (there is no Docker for Dev Services here).
 * Registered globally by the annotation on this class. Tests read the port from {@value #PORT_KEY} and may
 * stop and restart the same server with {@link #stop(int)} / {@link #restart(int)} to play an outage.
 */
@QuarkusTestResource(RedisServerResource.class)
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {
    /** Configuration key carrying the port of the test's Redis. */
    public static final String PORT_KEY = "test.redis.port";

    private RedisServer.Started server;

    @Override
    public Map<String, String> start() {
        server = RedisServer.startOnFreePort();
        return Map.of(
                "quarkus.redis.hosts", "redis://127.0.0.1:" + server.port(),
                PORT_KEY, Integer.toString(server.port()));
    }

    @Override
    public void stop() {
        if (server != null) {
            RedisServer.stop(server.port(), server.process());
            server = null;
        }
    }

    /** Stops the server on {@code port}, whichever process runs it; its data is gone (no persistence). */
    public static void stop(int port) {
        RedisServer.stop(port, null);
    }

    /** Starts a fresh server on the same port; it is stopped with the application's Redis at the end. */
    public static void restart(int port) {
        RedisServer.start(port);
    }
}
