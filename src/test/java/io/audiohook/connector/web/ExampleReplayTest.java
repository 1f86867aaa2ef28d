package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.CloseInfo;
import io.audiohook.connector.client.MediaFormat;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.contract.ExampleSession;
import io.audiohook.connector.contract.ProtocolSchemas;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * Replays every example session of {@code audiohook-protocol/examples} against the running server over a
 * real WebSocket: client messages go out verbatim, audio as frames of 0xFF (PCMU silence), and each
 * expected server message must be the next one received, equal as JSON. The test profile's backend
 * produces no transcripts and {@code update} is not acknowledged, as the examples assume.
 */
@QuarkusTest
class ExampleReplayTest extends ConnectorTest {
    /** Bound for each expected server message and for the socket close. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How long to listen for stray messages after the last step. */
    static final Duration QUIET = Duration.ofMillis(300);


    @TestHTTPResource("/connect")
    URI googlePath;

    /** Names, not sessions: Quarkus clones parameterized arguments across class loaders. */
    static Stream<String> examples() {
        return ExampleSession.loadAll().stream().map(ExampleSession::name);
    }

    @ParameterizedTest(name = "{0} on /audiohook/ws")
    @MethodSource("examples")
    void replaysOnTheAudioHookPath(String example) {
        replay(ExampleSession.load(example), endpoint);
    }

    @Test
    void probeReplaysOnGooglesPath() {
        replay(ExampleSession.load("probe"), googlePath);
    }

    static void replay(ExampleSession example, URI http) {
        JsonNode openParameters = example.open().message().path("parameters");
        List<MediaFormat> offer = new ArrayList<>();
        openParameters.path("media").forEach(m -> offer.add(MediaFormat.fromJson(m)));
        SessionConfig config = TestCalls.call(http)
                .sessionId(example.sessionId())
                .organizationId(example.organizationId())
                // the client checks opened against its own idea of the offer
                .media(offer)
                .supportedLanguages(openParameters.path("supportedLanguages").asBoolean(false))
                // the script decides every message: no automatic close on disconnect, no socket close on closed
                .autoRespond(false);
        AudioHookClient client = connect(config);

        int expected = 0;
        for (ExampleSession.Step step : example.steps()) {
            String where = example.name() + " line " + step.line();
            if (step instanceof ExampleSession.ClientMessage message) {
                await(client.sendVerbatim(message.json()));
            } else if (step instanceof ExampleSession.ClientAudio audio) {
                byte[] frame = new byte[audio.frameBytes()];
                Arrays.fill(frame, (byte) 0xFF);
                for (int i = 0; i < audio.frames(); i++) {
                    await(client.sendRawBinary(frame));
                }
            } else if (step instanceof ExampleSession.ServerMessage message) {
                Received received = nthMessage(client, expected, where);
                assertEquals(message.message(), received.parsed(), where + ": server message");
                expected++;
            }
        }

        sleep(QUIET);
        List<Received> all = client.messages();
        assertEquals(expected, all.size(),
                example.name() + ": unexpected server messages " + json(all.subList(Math.min(expected, all.size()), all.size())));

        ProtocolSchemas schemas = ProtocolSchemas.shared();
        for (Received received : all) {
            Set<String> errors = schemas.validateServerMessage(received.json());
            assertTrue(errors.isEmpty(), example.name() + ": " + received.json() + " outside the schema: " + errors);
        }
        assertEquals(List.of(), client.violations(), example.name() + ": protocol violations seen by the client");

        if (!client.closeFuture().isDone()) {
            client.closeSocket(1000, "");
        }
        CloseInfo close = client.awaitClose(WAIT);
        assertNull(close.error(), example.name() + ": socket ended with an error");
        assertNotEquals(CloseInfo.NO_CLOSE_FRAME, close.statusCode(), example.name() + ": no close frame");
    }

    /** The server message at {@code index} (0-based), waiting for it up to {@link #WAIT}. */
    static Received nthMessage(AudioHookClient client, int index, String where) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Received> all = client.messages();
            if (all.size() > index) {
                return all.get(index);
            }
            if (client.closeFuture().isDone()) {
                all = client.messages(); // a message may have landed just before the close
                if (all.size() > index) {
                    return all.get(index);
                }
                throw new AssertionError(where + ": socket closed (" + client.closeFuture().join()
                        + ") before server message #" + (index + 1) + "; received " + json(all));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(where + ": no server message #" + (index + 1) + " within " + WAIT
                        + "; received " + json(all));
            }
            sleep(Duration.ofMillis(10));
        }
    }

    private static List<String> json(List<Received> messages) {
        return messages.stream().map(Received::json).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
