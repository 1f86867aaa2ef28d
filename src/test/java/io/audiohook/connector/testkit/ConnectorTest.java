package io.audiohook.connector.testkit;

import java.net.URI;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the end-to-end tests of a running connector inject again and again: its AudioHook endpoint and the port of
 * the test's own Redis ({@link RedisServerResource}). A {@code @QuarkusTest} extends it and uses the fields.
 */
public abstract class ConnectorTest {
    /** The AudioHook WebSocket endpoint, as {@code http://} (the test calls turn it into {@code ws://}). */
    @TestHTTPResource("/audiohook/ws")
    protected URI endpoint;

    /** The port of this application's Redis, to play the UI connector or an outage in it. */
    @ConfigProperty(name = RedisServerResource.PORT_KEY)
    protected int redisPort;
}
