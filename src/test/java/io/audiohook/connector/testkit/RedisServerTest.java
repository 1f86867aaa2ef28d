package io.audiohook.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The test Redis starts on a free port, stops, and comes back on the same port without its data. */
class RedisServerTest {

    @Test
    void startsStopsAndRestartsOnTheSamePort() throws Exception {
        RedisServer.Started server = RedisServer.startOnFreePort();
        try {
            try (Resp resp = Resp.connect(server.port())) {
                assertEquals("OK", resp.call("SET", "k", "v"));
                assertEquals("v", resp.call("GET", "k"));
            }
            RedisServerResource.stop(server.port());
            assertFalse(RedisServer.answersPing(server.port()));

            RedisServerResource.restart(server.port());
            assertTrue(RedisServer.answersPing(server.port()));
            try (Resp resp = Resp.connect(server.port())) {
                assertEquals(null, resp.call("GET", "k"), "no persistence: a restart forgets the data");
            }
        } finally {
            RedisServer.stop(server.port(), server.process());
        }
        assertFalse(RedisServer.answersPing(server.port()));
    }
}
