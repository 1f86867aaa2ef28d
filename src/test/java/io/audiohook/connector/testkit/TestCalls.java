package io.audiohook.connector.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.ConnectResult;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.contract.ProtocolSchemas;

/** Shared set-up for tests that talk to the running connector through the Java AudioHook client. */
public final class TestCalls {
    /** Keys of the test profile (application.properties, %test). */
    public static final String KEY = "test-key-with-secret";
    public static final String SECRET = "dGVzdC1jbGllbnQtc2VjcmV0LTMyLWJ5dGVzLWxvbmch";
    public static final String UNSIGNED_KEY = "test-key-unsigned";
    public static final String SPEECH = "/demo/two-party-call.pcmu.wav";

    public static final ClientResources RESOURCES = ClientResources.create();

    private TestCalls() {
    }

    public static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    public static SessionConfig call(URI http) {
        return SessionConfig.call(ws(http)).apiKey(KEY).clientSecret(SECRET).language("en-US");
    }

    public static SessionConfig probe(URI http) {
        return SessionConfig.probe(ws(http)).apiKey(KEY).clientSecret(SECRET);
    }

    /** A {@code customConfig} as the integration would carry it. */
    public static com.fasterxml.jackson.databind.node.ObjectNode customConfig(String json) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    public static ConnectResult attempt(SessionConfig config) {
        try {
            return AudioHookClient.connect(config, RESOURCES).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("connect did not finish", e);
        }
    }

    public static AudioHookClient connect(SessionConfig config) {
        ConnectResult result = attempt(config);
        assertEquals(101, result.httpStatus(), "upgrade refused: " + result.failure());
        return result.require();
    }

    public static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** How long the web tests wait for something the server does asynchronously. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    public static void eventually(BooleanSupplier condition) {
        eventually("condition", WAIT, condition);
    }

    /** Polls until the condition holds, failing with {@code what} after {@code wait}. */
    public static void eventually(String what, Duration wait, BooleanSupplier condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + wait);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The client saw nothing Genesys would reject, and every server message fits its published schema. */
    public static void assertConformant(AudioHookClient client) {
        assertEquals(List.of(), client.violations(), "protocol violations seen by the client");
        ProtocolSchemas schemas = ProtocolSchemas.shared();
        List<String> problems = new ArrayList<>();
        for (Received received : client.messages()) {
            Set<String> errors = schemas.validateServerMessage(received.json());
            if (!errors.isEmpty()) {
                problems.add(received.json() + " -> " + errors);
            }
        }
        assertTrue(problems.isEmpty(), "server messages outside the schema: " + problems);
    }

    public static List<String> types(AudioHookClient client) {
        return client.messages().stream().map(Received::type).toList();
    }

    /** Bytes of one channel of an interleaved 8-bit recording: what the server must hand over for that slot. */
    public static long channelChecksum(WavAudioSource.Wav wav, int slot) {
        byte[] data = wav.data();
        int channels = wav.channels();
        byte[] channel = new byte[data.length / channels];
        for (int i = 0; i < channel.length; i++) {
            channel[i] = data[i * channels + slot];
        }
        CRC32 crc = new CRC32();
        crc.update(channel);
        return crc.getValue();
    }
}
