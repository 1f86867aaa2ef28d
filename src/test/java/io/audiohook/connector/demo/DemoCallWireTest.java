package io.audiohook.connector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.contract.ProtocolSchemas;
import io.audiohook.connector.protocol.Durations;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * A demo call against a scripted AudioHook server (a few lines of Vert.x): what crosses the wire when the server
 * starts it paused, pauses and resumes it, disconnects it, picks no media, or sends garbage. Every client message
 * must fit the published schema, and seq, serverseq and position must add up.
 */
class DemoCallWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BYTES_PER_SECOND = 16_000; // stereo PCMU
    private static Vertx vertx;
    private static int port;
    private static final DemoCaller CALLER = new DemoCaller();
    private static final Map<String, Script> scripts = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        port = vertx.createHttpServer().requestHandler(request -> {
            String mode = request.path().substring(1);
            String session = request.getHeader("Audiohook-Session-Id");
            request.toWebSocket().onSuccess(ws -> scripts.put(session, new Script(ws, mode)));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        CALLER.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void startedPausedThenPausedAgainThenDisconnected() throws Exception {
        DemoCall call = CALLER.place(target("pausing"));
        Outcome outcome = call.done().toCompletableFuture().get(15, TimeUnit.SECONDS);
        Script server = scripts.get(call.sessionId());

        assertEquals(Outcome.Status.DISCONNECTED, outcome.status(), outcome.toString());
        assertEquals("the server disconnected (completed: enough)", outcome.detail());
        assertEquals(List.of("open", "paused", "resumed", "ping", "paused", "resumed", "close"), server.types());
        JsonNode open = server.received.get(0).path("parameters");
        assertEquals(call.conversationId(), open.path("conversationId").asText());
        assertEquals("+1-555-0100", open.at("/participant/ani").asText(), "a fictional caller");
        assertEquals(List.of(OpenMessage.OFFER), List.copyOf(iterable(open.path("media"))));
        assertEquals("PT0S", server.received.get(2).at("/parameters/start").asText(), "started paused: nothing sent");
        assertEquals(server.received.get(4).path("position"), server.received.get(5).at("/parameters/start"),
                "resumed where it paused");
        assertEquals("disconnect", server.received.get(6).at("/parameters/reason").asText());
        assertEquals(0, server.audioWhilePaused.get(), "no audio between paused and resume");
        assertTrue(server.frameSizes.stream().allMatch(size -> size == 320), "20 ms stereo frames");
        assertEquals(Durations.formatSamples(server.audioBytes.get() / 2, 8000),
                server.received.get(6).path("position").asText(), "the position is the audio sent");
        for (int i = 0; i < server.received.size(); i++) {
            JsonNode message = server.received.get(i);
            assertEquals(i + 1, message.path("seq").asInt(), message.toString());
            assertEquals(server.serverSeqWhenReceived.get(i), message.path("serverseq").asLong(), message.toString());
            assertEquals(Set.of(), ProtocolSchemas.shared().validateClientMessage(message), message.toString());
        }
    }

    @Test
    void noMediaOrGarbageFromTheServerEndsTheCallCleanly() throws Exception {
        DemoCall noMedia = CALLER.place(target("no-media"));
        DemoCall garbage = CALLER.place(target("garbage"));

        Outcome refusedAudio = noMedia.done().toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertEquals(Outcome.Status.FAILED, refusedAudio.status());
        assertEquals("the server took no stereo audio (opened with media [])", refusedAudio.detail());
        assertEquals(List.of("open", "close"), scripts.get(noMedia.sessionId()).types());

        Outcome malformed = garbage.done().toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertEquals(Outcome.Status.FAILED, malformed.status());
        assertEquals("the server sent a text message that is not JSON", malformed.detail());
        Script server = scripts.get(garbage.sessionId());
        assertEquals(List.of("open", "error", "close"), server.types());
        assertEquals(400, server.received.get(1).at("/parameters/code").asInt());
        assertEquals("error", server.received.get(2).at("/parameters/reason").asText());
    }

    private static Target target(String mode) {
        return Target.of("ws://127.0.0.1:" + port + "/" + mode, "wire-test-key", TargetTest.SECRET);
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** One session of the scripted server; its handlers run on one Vert.x event loop, in order. */
    static final class Script {
        final ServerWebSocket ws;
        final String mode;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final List<Long> serverSeqWhenReceived = new CopyOnWriteArrayList<>();
        final List<Integer> frameSizes = new CopyOnWriteArrayList<>();
        final AtomicLong audioBytes = new AtomicLong();
        final AtomicLong audioWhilePaused = new AtomicLong();
        long seq;
        boolean paused;
        int pauses;

        Script(ServerWebSocket ws, String mode) {
            this.ws = ws;
            this.mode = mode;
            ws.textMessageHandler(this::text);
            ws.binaryMessageHandler(this::audio);
        }

        List<String> types() {
            return received.stream().map(m -> m.path("type").asText()).toList();
        }

        private void audio(Buffer frame) {
            frameSizes.add(frame.length());
            long total = audioBytes.addAndGet(frame.length());
            if (paused) {
                audioWhilePaused.addAndGet(frame.length());
            } else if (pauses == 1 && total >= BYTES_PER_SECOND) {
                pauses++;
                send("pause", JSON.createObjectNode());
            } else if (pauses == 2 && total >= BYTES_PER_SECOND * 3 / 2) {
                pauses++;
                send("disconnect", JSON.createObjectNode().put("reason", "completed").put("info", "enough"));
            }
        }

        private void text(String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            received.add(message);
            serverSeqWhenReceived.add(seq);
            switch (message.path("type").asText()) {
                case "open" -> opened();
                case "paused" -> {
                    paused = true;
                    vertx.setTimer(200, t -> {
                        paused = false;
                        send("resume", JSON.createObjectNode());
                    });
                }
                case "ping" -> send("pong", JSON.createObjectNode());
                case "close" -> send("closed", JSON.createObjectNode());
                default -> { }
            }
        }

        private void opened() {
            ObjectNode parameters = JSON.createObjectNode();
            if (mode.equals("no-media")) {
                parameters.putArray("media");
            } else {
                parameters.putArray("media").add(OpenMessage.OFFER.deepCopy());
            }
            parameters.put("startPaused", mode.equals("pausing"));
            pauses = 1;
            send("opened", parameters);
            if (mode.equals("garbage")) {
                ws.writeTextMessage("not json");
            }
        }

        private void send(String type, ObjectNode parameters) {
            ObjectNode message = JSON.createObjectNode().put("version", "2").put("id", ws.headers()
                    .get("Audiohook-Session-Id")).put("type", type).put("seq", ++seq)
                    .put("clientseq", received.isEmpty() ? 0 : received.get(received.size() - 1).path("seq").asLong());
            message.set("parameters", parameters);
            ws.writeTextMessage(message.toString());
        }
    }
}
