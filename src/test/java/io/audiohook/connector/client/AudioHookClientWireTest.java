package io.audiohook.connector.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the client against a real WebSocket server (a tiny scripted Vert.x one), checking what
 * actually crosses the wire: upgrade headers, the signature, message sequencing and audio.
 */
class AudioHookClientWireTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String API_KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";

    private static Vertx vertx;
    private static int port;
    private static ClientResources resources;
    private static final Map<String, Upgrade> upgrades = new ConcurrentHashMap<>();
    private static final Map<String, ScriptedServer> sessions = new ConcurrentHashMap<>();

    record Upgrade(String uri, MultiMap headers) {
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().startsWith("/refuse")) {
                req.response().setStatusCode(401).end("Signature verification failed");
                return;
            }
            String sessionId = req.getHeader("Audiohook-Session-Id");
            upgrades.put(sessionId, new Upgrade(req.uri(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers())));
            String mode = req.path().substring(req.path().lastIndexOf('/') + 1);
            req.toWebSocket().onSuccess(ws -> sessions.put(sessionId, new ScriptedServer(ws, sessionId, mode)));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
        resources = ClientResources.create(2, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        resources.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static URI uri(String mode) {
        return URI.create("ws://127.0.0.1:" + port + "/api/v1/audiohook/" + mode + "?tenant=t1");
    }

    private static AudioHookClient connect(SessionConfig config) throws Exception {
        return AudioHookClient.connect(config, resources).get(10, TimeUnit.SECONDS).require();
    }

    @Test
    void signedUpgradeCarriesGenesysHeadersAndAVerifiableSignature() throws Exception {
        SessionConfig config = SessionConfig.call(uri("good")).apiKey(API_KEY).clientSecret(SECRET);
        AudioHookClient client = connect(config);
        Upgrade up = upgrades.get(config.sessionId());
        MultiMap h = up.headers();

        assertEquals(API_KEY, h.get("X-API-KEY"));
        assertEquals(config.organizationId(), h.get("Audiohook-Organization-Id"));
        assertEquals(config.sessionId(), h.get("Audiohook-Session-Id"));
        assertEquals(config.correlationId(), h.get("Audiohook-Correlation-Id"));
        assertEquals("127.0.0.1:" + port, h.get("Host"));
        assertEquals(config.authority(), h.get("Host"));
        assertEquals("/api/v1/audiohook/good?tenant=t1", up.uri());
        assertTrue(h.getAll("User-Agent").contains("GenesysCloud-AudioHook-Client"), h.getAll("User-Agent").toString());

        // Verify from what the server received, not from what the client thinks it sent.
        String input = h.get("Signature-Input");
        assertTrue(input.startsWith("sig1=(\"@request-target\" \"@authority\" \"audiohook-organization-id\" "
                + "\"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\");keyid=\"" + API_KEY + "\";nonce=\""), input);
        assertTrue(input.matches(".*;nonce=\"[A-Za-z0-9+/]{24}\";alg=\"hmac-sha256\";created=(\\d+);expires=(\\d+)$"), input);
        long created = Long.parseLong(input.replaceAll(".*;created=(\\d+);.*", "$1"));
        long expires = Long.parseLong(input.replaceAll(".*;expires=(\\d+)$", "$1"));
        assertEquals(created + 30, expires);
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - created) <= 5);
        String base = String.join("\n",
                "\"@request-target\": " + up.uri(),
                "\"@authority\": " + h.get("Host"),
                "\"audiohook-organization-id\": " + h.get("Audiohook-Organization-Id"),
                "\"audiohook-session-id\": " + h.get("Audiohook-Session-Id"),
                "\"audiohook-correlation-id\": " + h.get("Audiohook-Correlation-Id"),
                "\"x-api-key\": " + h.get("X-API-KEY"),
                "\"@signature-params\": " + input.substring("sig1=".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET), "HmacSHA256"));
        String expected = "sig1=:" + Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8))) + ":";
        assertEquals(expected, h.get("Signature"));

        client.abort();
    }

    @Test
    void unsignedWhenNoSecretIsConfigured() throws Exception {
        SessionConfig config = SessionConfig.probe(uri("good")).apiKey(API_KEY);
        AudioHookClient client = connect(config);
        MultiMap h = upgrades.get(config.sessionId()).headers();
        assertEquals(API_KEY, h.get("X-API-KEY"));
        assertNull(h.get("Signature"));
        assertNull(h.get("Signature-Input"));
        client.abort();
    }

    @Test
    void refusedUpgradeExposesTheHttpStatus() throws Exception {
        ConnectResult result = AudioHookClient.connect(
                SessionConfig.call(uri("refuse").resolve("/refuse")).apiKey(API_KEY).clientSecret(SECRET), resources)
                .get(10, TimeUnit.SECONDS);
        assertFalse(result.connected());
        assertEquals(401, result.httpStatus());
    }

    @Test
    void probeAndCallFlowTextAndAudioBothWays() throws Exception {
        SessionConfig config = SessionConfig.call(uri("good")).apiKey(API_KEY).clientSecret(SECRET);
        AudioHookClient client = connect(config);
        Received opened = client.open().get(5, TimeUnit.SECONDS);
        assertEquals(MediaFormat.pcmu("external", "internal"), client.selectedMedia());
        assertEquals(1, opened.clientseq());

        GeneratedSpeechLikeSource audio = new GeneratedSpeechLikeSource(AudioEncoding.PCMU, 2, Duration.ofSeconds(1));
        client.streamAudio(audio, Duration.ofMillis(200), false).get(5, TimeUnit.SECONDS);
        Received pong = client.sendPing().get(5, TimeUnit.SECONDS);
        assertEquals(2, pong.clientseq());
        client.sendError(400, "tough stuff");
        // the scripted server follows the pong with a large event; close only once it is in, so serverseq is known
        client.awaitMessage("event", WAIT);
        client.close("end").get(5, TimeUnit.SECONDS);
        CloseInfo closeInfo = client.awaitClose(WAIT);
        assertEquals(1000, closeInfo.statusCode());

        ScriptedServer server = sessions.get(config.sessionId());
        assertEquals(16_000, server.audioBytes.get());
        assertEquals(5, server.audioFrames.get());
        List<JsonNode> got = server.received;
        assertEquals(List.of("open", "ping", "error", "close"), got.stream().map(m -> m.get("type").asText()).toList());
        for (int i = 0; i < got.size(); i++) {
            JsonNode m = got.get(i);
            assertEquals(i + 1, m.get("seq").asInt());
            assertEquals("2", m.get("version").asText());
            assertEquals(config.sessionId(), m.get("id").asText());
        }
        assertEquals("PT0S", got.get(0).get("position").asText());
        assertEquals(0, got.get(0).get("serverseq").asInt());
        assertEquals("PT1S", got.get(1).get("position").asText());
        assertEquals(1, got.get(1).get("serverseq").asInt());
        assertEquals(3, got.get(3).get("serverseq").asInt());
        JsonNode open = got.get(0).get("parameters");
        assertEquals(3, open.get("media").size());
        assertEquals("[\"external\",\"internal\"]", open.get("media").get(0).get("channels").toString());
        assertTrue(client.violations().isEmpty(), client.violations().toString());
        assertEquals(List.of("opened", "pong", "event", "closed"),
                client.messages().stream().map(Received::type).toList());
    }

    @Test
    void pausesAndResumesStreamingWhenTheServerAsks() throws Exception {
        SessionConfig config = SessionConfig.call(uri("pausing")).apiKey(API_KEY);
        AudioHookClient client = connect(config);
        client.open().get(5, TimeUnit.SECONDS);
        GeneratedSpeechLikeSource audio = new GeneratedSpeechLikeSource(AudioEncoding.PCMU, 2, Duration.ofMillis(1000));
        client.streamAudio(audio, Duration.ofMillis(100), true, Duration.ofMillis(250)).get(10, TimeUnit.SECONDS);
        client.close("end").get(5, TimeUnit.SECONDS);

        ScriptedServer server = sessions.get(config.sessionId());
        assertEquals(16_000, server.audioBytes.get());
        JsonNode paused = server.first("paused");
        JsonNode resumed = server.first("resumed");
        assertEquals(resumed.get("parameters").get("start").asText(), paused.get("position").asText());
        assertEquals("PT0S", resumed.get("parameters").get("discarded").asText());
        assertEquals("PT1S", server.first("close").get("position").asText());
        assertFalse(client.messagesOfType("pong").isEmpty());
        assertTrue(client.violations().isEmpty(), client.violations().toString());
    }

    @Test
    void answersDisconnectWithClose() throws Exception {
        SessionConfig config = SessionConfig.probe(uri("disconnect")).apiKey(API_KEY);
        AudioHookClient client = connect(config);
        client.open();
        client.awaitMessage("closed", WAIT);
        client.awaitClose(WAIT);
        JsonNode close = sessions.get(config.sessionId()).first("close");
        assertEquals("disconnect", close.get("parameters").get("reason").asText());
        assertEquals(2, close.get("serverseq").asInt());
        assertTrue(client.violations().isEmpty(), client.violations().toString());
    }

    @Test
    void recordsServerProtocolViolationsWithoutThrowing() throws Exception {
        SessionConfig config = SessionConfig.call(uri("sloppy")).apiKey(API_KEY).media(MediaFormat.pcmu("external", "internal"));
        AudioHookClient client = connect(config);
        client.open().get(5, TimeUnit.SECONDS);
        client.sendPing();
        client.awaitMessage("pong", WAIT);
        client.sendRaw("{\"not\":\"counted\"}").get(5, TimeUnit.SECONDS);
        client.sendWithSeq("ping", 42, null);
        client.awaitMessage(r -> r.parsed() != null && r.parsed().path("note").asText().equals("done"), WAIT);
        List<String> v = client.violations();
        String all = String.join("\n", v);
        assertTrue(all.contains("is not exactly one of the offered entries"), all);
        assertTrue(all.contains("expected seq 1"), all);
        assertTrue(all.contains("pong.clientseq"), all);
        assertTrue(all.contains("binary message from the server"), all);
        assertTrue(all.contains("not a JSON object"), all);
        assertTrue(all.contains("version must be"), all);
        assertEquals(1, client.binaryFramesReceived());
        assertEquals(2, client.clientSeq());
        ScriptedServer server = sessions.get(config.sessionId());
        assertEquals(42, server.received.get(server.received.size() - 1).get("seq").asInt());
        client.abort();
    }

    @Test
    void verbatimMessagesGoOutUnchangedAndTheChecksFollowThem() throws Exception {
        SessionConfig config = SessionConfig.call(uri("good")).apiKey(API_KEY);
        AudioHookClient client = connect(config);
        ObjectNode openParams = MAPPER.createObjectNode();
        openParams.putArray("media").add(MediaFormat.pcmu("external", "internal").toJson(MAPPER));
        String open = client.message("open", 1, openParams).toString();
        // seq 2 to 4 are skipped on purpose: the server's clientseq follows the script, not the client's counter
        String ping = client.message("ping", 5, null).toString();
        String close = client.message("close", 6, MAPPER.createObjectNode().put("reason", "end")).toString();
        client.sendVerbatim(open);
        client.awaitMessage("opened", WAIT);
        client.sendVerbatim(ping);
        assertEquals(5, client.awaitMessage("pong", WAIT).clientseq());
        client.sendVerbatim(close);
        client.awaitMessage("closed", WAIT);
        client.awaitClose(WAIT);

        ScriptedServer server = sessions.get(config.sessionId());
        assertEquals(List.of(MAPPER.readTree(open), MAPPER.readTree(ping), MAPPER.readTree(close)), server.received);
        assertEquals(6, client.clientSeq());
        assertTrue(client.violations().isEmpty(), client.violations().toString());
    }

    /** Just enough server behaviour to exercise the client; "mode" picks the script. */
    static final class ScriptedServer {
        final ServerWebSocket ws;
        final String sessionId;
        final String mode;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        final AtomicLong audioBytes = new AtomicLong();
        final AtomicLong audioFrames = new AtomicLong();
        long seq;
        long clientSeq;

        ScriptedServer(ServerWebSocket ws, String sessionId, String mode) {
            this.ws = ws;
            this.sessionId = sessionId;
            this.mode = mode;
            if (mode.equals("sloppy")) {
                seq = 1; // first message will carry seq 2
            }
            ws.textMessageHandler(this::onText);
            ws.binaryMessageHandler(this::onBinary);
        }

        JsonNode first(String type) {
            return received.stream().filter(m -> m.path("type").asText().equals(type)).findFirst().orElseThrow();
        }

        private void onBinary(Buffer b) {
            audioBytes.addAndGet(b.length());
            if (audioFrames.incrementAndGet() == 3 && mode.equals("pausing")) {
                send("pause", MAPPER.createObjectNode());
            }
        }

        private void onText(String text) {
            JsonNode msg;
            try {
                msg = MAPPER.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            received.add(msg);
            clientSeq = msg.path("seq").asLong();
            String type = msg.path("type").asText();
            ObjectNode params = MAPPER.createObjectNode();
            switch (type) {
                case "open" -> {
                    ObjectNode media = (ObjectNode) msg.get("parameters").get("media").get(0).deepCopy();
                    if (mode.equals("sloppy")) {
                        media.putArray("channels").add("internal").add("external");
                    }
                    params.putArray("media").add(media);
                    params.put("startPaused", false);
                    send("opened", params);
                    if (mode.equals("disconnect")) {
                        ObjectNode d = MAPPER.createObjectNode().put("reason", "completed");
                        send("disconnect", d);
                    }
                }
                case "ping" -> {
                    if (mode.equals("sloppy") && msg.get("seq").asLong() == 42) {
                        ws.writeTextMessage("not json");
                        ObjectNode bad = envelope("event", MAPPER.createObjectNode());
                        bad.put("version", 2);
                        ws.writeTextMessage(bad.toString());
                        ws.writeTextMessage(envelope("updated", params).put("note", "done").toString());
                        return;
                    }
                    if (mode.equals("sloppy")) {
                        clientSeq = 1;
                        ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
                    }
                    send("pong", params);
                    if (mode.equals("good")) {
                        ObjectNode entity = MAPPER.createObjectNode().put("type", "transcript");
                        // Big enough that the client may receive it in several parts.
                        entity.putObject("data").put("padding", "x".repeat(40_000));
                        params = MAPPER.createObjectNode();
                        params.putArray("entities").add(entity);
                        send("event", params);
                    }
                }
                case "paused" -> send("resume", params);
                case "close" -> send("closed", params);
                default -> { }
            }
        }

        private ObjectNode envelope(String type, ObjectNode params) {
            ObjectNode m = MAPPER.createObjectNode();
            m.put("version", "2");
            m.put("id", sessionId);
            m.put("type", type);
            m.put("seq", ++seq);
            m.put("clientseq", clientSeq);
            m.set("parameters", params);
            return m;
        }

        private void send(String type, ObjectNode params) {
            ws.writeTextMessage(envelope(type, params).toString());
        }
    }
}
