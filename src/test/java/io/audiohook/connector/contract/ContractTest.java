package io.audiohook.connector.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks the language-neutral contract in {@code audiohook-protocol/} for internal consistency. */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROTOCOL = ProtocolSchemas.DEFAULT_PROTOCOL_DIR;
    private static final Path ASYNCAPI = PROTOCOL.resolve("asyncapi.yaml");
    private static final Pattern DURATION = Pattern.compile("^PT((?:\\d*\\.)?\\d+)S$");
    private static final List<String> REQUIRED_EXAMPLES = List.of(
            "probe", "stereo-call", "inverted-order", "mono", "supported-languages", "protocol-error");

    private final ProtocolSchemas schemas = ProtocolSchemas.shared();

    // ---------------------------------------------------------------- examples

    @Test
    void requiredExamplesExist() {
        Set<String> names = ExampleSession.loadAll().stream().map(ExampleSession::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(REQUIRED_EXAMPLES), "examples present: " + names);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleMessageMatchesItsSchema() {
        return ExampleSession.loadAll().stream().map(session -> DynamicTest.dynamicTest(session.name(), () -> {
            List<String> problems = new ArrayList<>();
            for (ExampleSession.ClientMessage m : session.clientMessages()) {
                Set<String> errors = schemas.validateClientMessage(m.json());
                if (!errors.isEmpty()) {
                    problems.add("line " + m.line() + " (" + m.type() + "): " + errors);
                }
            }
            for (ExampleSession.ServerMessage m : session.serverMessages()) {
                Set<String> errors = schemas.validateServerMessage(m.json());
                if (!errors.isEmpty()) {
                    problems.add("line " + m.line() + " (" + m.type() + "): " + errors);
                }
            }
            assertTrue(problems.isEmpty(), session.name() + ": " + problems);
        }));
    }

    /** Sequence numbers, ids and positions of every example obey the protocol's bookkeeping rules. */
    @TestFactory
    Stream<DynamicTest> everyExampleHasConsistentBookkeeping() {
        return ExampleSession.loadAll().stream().map(session -> DynamicTest.dynamicTest(session.name(), () -> {
            List<ExampleSession.Step> steps = session.steps();
            assertTrue(steps.get(0) instanceof ExampleSession.ClientMessage, "first step is a client message");
            ExampleSession.ClientMessage open = session.open();
            assertEquals("open", open.type());
            ExampleSession.Step last = steps.get(steps.size() - 1);
            assertTrue(last instanceof ExampleSession.ServerMessage
                    && "closed".equals(((ExampleSession.ServerMessage) last).type()), "last step is closed");

            String id = session.sessionId();
            long lastClientSeq = 0;
            long lastAcceptedClientSeq = 0;
            long lastServerSeq = 0;
            boolean disconnected = false;
            ExampleSession.ClientMessage lastPing = null;
            ExampleSession.ClientMessage lastClose = null;
            int channels = 0;
            int bytesPerSample = 0;
            long audioBytes = 0;
            BigDecimal lastPosition = BigDecimal.ZERO;
            for (ExampleSession.Step step : steps) {
                if (step instanceof ExampleSession.ClientMessage) {
                    ExampleSession.ClientMessage m = (ExampleSession.ClientMessage) step;
                    String where = session.name() + " line " + m.line();
                    assertEquals(id, m.message().path("id").asText(), where + " id");
                    assertEquals(lastServerSeq, m.message().path("serverseq").asLong(), where + " serverseq");
                    BigDecimal position = seconds(m.message().path("position").asText());
                    assertTrue(position.compareTo(lastPosition) >= 0, where + " position not decreasing");
                    if (channels > 0) {
                        BigDecimal streamed = BigDecimal.valueOf(audioBytes)
                                .divide(BigDecimal.valueOf(8000L * channels * bytesPerSample));
                        assertTrue(position.compareTo(streamed) >= 0, where + " position >= audio streamed (" + streamed + ")");
                    }
                    lastPosition = position;
                    boolean seqOk = m.seq() == lastClientSeq + 1;
                    if (seqOk || disconnected) {
                        lastAcceptedClientSeq = m.seq();
                    }
                    if (!seqOk && !disconnected) {
                        // only allowed when the very next step is the server's disconnect error
                        int next = steps.indexOf(step) + 1;
                        assertTrue(next < steps.size() && steps.get(next) instanceof ExampleSession.ServerMessage
                                && "disconnect".equals(((ExampleSession.ServerMessage) steps.get(next)).type()),
                                where + " seq gap must be answered with disconnect");
                    }
                    lastClientSeq = m.seq();
                    if ("ping".equals(m.type())) {
                        lastPing = m;
                    }
                    if ("close".equals(m.type())) {
                        lastClose = m;
                    }
                } else if (step instanceof ExampleSession.ServerMessage) {
                    ExampleSession.ServerMessage m = (ExampleSession.ServerMessage) step;
                    String where = session.name() + " line " + m.line();
                    assertEquals(id, m.message().path("id").asText(), where + " id");
                    assertEquals(lastServerSeq + 1, m.seq(), where + " server seq has no gap");
                    lastServerSeq = m.seq();
                    long clientseq = m.message().path("clientseq").asLong();
                    assertEquals(lastAcceptedClientSeq, clientseq, where + " clientseq = last accepted client seq");
                    switch (m.type()) {
                        case "opened":
                            assertEquals(1, m.seq(), where + " opened is seq 1");
                            assertEquals(1, clientseq, where + " opened clientseq 1");
                            JsonNode media = m.message().path("parameters").path("media");
                            assertTrue(containsEqual(open.message().path("parameters").path("media"), media.get(0)),
                                    where + " opened echoes an offered media entry unchanged");
                            channels = media.get(0).path("channels").size();
                            bytesPerSample = "L16".equals(media.get(0).path("format").asText()) ? 2 : 1;
                            break;
                        case "pong":
                            assertTrue(lastPing != null && lastPing.seq() == clientseq, where + " pong clientseq = ping seq");
                            break;
                        case "closed":
                            assertTrue(lastClose != null && lastClose.seq() == clientseq, where + " closed clientseq = close seq");
                            break;
                        case "disconnect":
                            disconnected = true;
                            break;
                        default:
                            break;
                    }
                } else {
                    ExampleSession.ClientAudio a = (ExampleSession.ClientAudio) step;
                    assertTrue(channels > 0, session.name() + " line " + a.line() + ": audio only after opened");
                    assertEquals(0, a.frameBytes() % (channels * bytesPerSample),
                            session.name() + " line " + a.line() + ": frame length multiple of channels x bytes per sample");
                    assertTrue(a.frameBytes() <= 65536, "frame <= 64 KiB");
                    audioBytes += (long) a.frames() * a.frameBytes();
                }
            }
        }));
    }

    @Test
    void stereoCallPositionsMatchTheAudioAndGaps() {
        ExampleSession session = ExampleSession.load("stereo-call");
        List<String> positions = session.clientMessages().stream()
                .map(m -> m.type() + "@" + m.message().path("position").asText())
                .collect(Collectors.toList());
        assertEquals(List.of("open@PT0S", "ping@PT1S", "paused@PT3S", "paused@PT3S", "resumed@PT5S",
                "discarded@PT6.4S", "update@PT6.4S", "ping@PT6.4S", "close@PT8S"), positions);
        List<String> server = session.serverMessages().stream()
                .map(m -> m.type() + "#" + m.seq() + "/" + m.message().path("clientseq").asLong())
                .collect(Collectors.toList());
        assertEquals(List.of("opened#1/1", "pong#2/2", "pong#3/8", "closed#4/9"), server);
    }

    @Test
    void probeUsesNullIdsAndEchoesStereo() {
        ExampleSession probe = ExampleSession.load("probe");
        JsonNode params = probe.open().message().path("parameters");
        String nullUuid = "00000000-0000-0000-0000-000000000000";
        assertEquals(nullUuid, params.path("conversationId").asText());
        assertEquals(nullUuid, params.path("participant").path("id").asText());
        assertEquals(params.path("media").get(0), probe.serverMessages().get(0).message().path("parameters").path("media").get(0));
    }

    @Test
    void exampleParserRejectsUnknownLines() {
        ExampleSession ok = ExampleSession.parse("t", null, List.of(
                "{\"comment\":\"x\"}", "", "{\"from\":\"client\",\"audio\":{\"frames\":2,\"frameBytes\":3200}}"));
        assertEquals(List.of(new ExampleSession.ClientAudio(3, 2, 3200)), ok.steps());
        try {
            ExampleSession.parse("t", null, List.of("{\"from\":\"nobody\",\"message\":{}}"));
            fail("expected rejection");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("line 1"));
        }
    }

    // ---------------------------------------------------------------- schemas

    @Test
    void schemaIdsMatchFileLocations() throws IOException {
        for (Path file : schemaFiles()) {
            JsonNode schema = JSON.readTree(file.toFile());
            String relative = PROTOCOL.resolve("schemas").relativize(file).toString().replace('\\', '/');
            assertEquals(ProtocolSchemas.ID_BASE + relative, schema.path("$id").asText(), file + " $id");
            assertEquals("http://json-schema.org/draft-07/schema#", schema.path("$schema").asText(), file + " $schema");
        }
        assertEquals(18, schemaFiles().size(), "common + customConfig + 8 client + 8 server schemas");
    }

    @Test
    void negativeOpenedWithTwoMediaEntries() throws IOException {
        ObjectNode opened = firstServer("stereo-call", "opened");
        ArrayNode media = (ArrayNode) opened.path("parameters").path("media");
        media.add(media.get(0).deepCopy());
        assertRejected(schemas.validateServerMessage(opened.toString()));
    }

    @Test
    void negativePongWithPosition() throws IOException {
        ObjectNode pong = firstServer("stereo-call", "pong");
        assertTrue(schemas.validateServerMessage(pong.toString()).isEmpty());
        pong.put("position", "PT1S");
        assertRejected(schemas.validateServerMessage(pong.toString()));
    }

    @Test
    void negativeServerMessageWithServerseq() throws IOException {
        ObjectNode closed = firstServer("probe", "closed");
        closed.put("serverseq", 1);
        assertRejected(schemas.validateServerMessage(closed.toString()));
    }

    @Test
    void negativeDisconnectReasonBye() throws IOException {
        ObjectNode disconnect = firstServer("protocol-error", "disconnect");
        ((ObjectNode) disconnect.path("parameters")).put("reason", "bye");
        assertRejected(schemas.validateServerMessage(disconnect.toString()));
    }

    @Test
    void negativeDurationWithExponent() throws IOException {
        ObjectNode ping = firstClient("stereo-call", "ping");
        ping.put("position", "PT1e3S");
        assertRejected(schemas.validateClientMessage(ping.toString()));
        ObjectNode ping2 = firstClient("stereo-call", "ping");
        ((ObjectNode) ping2.path("parameters")).put("rtt", "PT1e3S");
        assertRejected(schemas.validateClientMessage(ping2.toString()));
        ((ObjectNode) ping2.path("parameters")).put("rtt", "PT0.000125S");
        assertTrue(schemas.validateClientMessage(ping2.toString()).isEmpty());
    }

    @Test
    void negativeMiscellaneous() throws IOException {
        ObjectNode open = firstClient("stereo-call", "open");
        ((ObjectNode) open.path("parameters")).remove("organizationId");
        assertRejected(schemas.validateClientMessage(open.toString()));

        ObjectNode versionNumber = firstClient("stereo-call", "open");
        versionNumber.put("version", 2);
        assertRejected(schemas.validateClientMessage(versionNumber.toString()));

        ObjectNode badLanguages = firstServer("supported-languages", "opened");
        ((ArrayNode) badLanguages.path("parameters").path("supportedLanguages")).add("english");
        assertRejected(schemas.validateServerMessage(badLanguages.toString()));

        ObjectNode emptyEvent = firstServer("probe", "closed");
        emptyEvent.put("type", "event");
        ((ObjectNode) emptyEvent.path("parameters")).putArray("entities");
        assertRejected(schemas.validateServerMessage(emptyEvent.toString()));

        assertEquals(1, schemas.validateClientMessage("{\"type\":\"dtmf\"}").size(), "unknown type -> one error");
        assertEquals(1, schemas.validateServerMessage("{\"type\":\"open\"}").size(), "client type is not a server type");
        assertEquals(1, schemas.validateServerMessage("not json").size());
    }

    @Test
    void clientSchemasAreForwardCompatible() throws IOException {
        ObjectNode open = firstClient("stereo-call", "open");
        ((ObjectNode) open.path("parameters")).put("someFutureKey", true);
        ((ObjectNode) open.path("parameters")).putObject("continuedSessions");
        assertRejected(schemas.validateClientMessage(open.toString()));  // continuedSessions must be an array
        ((ObjectNode) open.path("parameters")).remove("continuedSessions");
        assertTrue(schemas.validateClientMessage(open.toString()).isEmpty());
    }

    @Test
    void eventWithTranscriptEntity() throws IOException {
        ObjectNode event = firstServer("probe", "closed");
        event.put("type", "event");
        JsonNode entity = JSON.readTree("{\"type\":\"transcript\",\"data\":{\"id\":\"79fbd258-546f-449c-89c7-ccafd4b009a7\","
                + "\"channelId\":0,\"isFinal\":true,\"offset\":\"PT1.1S\",\"duration\":\"PT1.6S\",\"alternatives\":[{"
                + "\"confidence\":0.9,\"languages\":[\"en-US\"],\"interpretations\":[{\"type\":\"display\","
                + "\"transcript\":\"hello there\",\"tokens\":[{\"type\":\"word\",\"value\":\"hello\",\"confidence\":0.9,"
                + "\"offset\":\"PT1.1S\",\"duration\":\"PT0.5S\"}]}]}]}}");
        ((ObjectNode) event.path("parameters")).putArray("entities").add(entity);
        assertEquals(Set.of(), schemas.validateServerMessage(event.toString()));
        ((ObjectNode) entity.path("data")).put("channelId", 2);
        assertRejected(schemas.validateServerMessage(event.toString()));
    }

    @Test
    void validationIsThreadSafe() throws Exception {
        List<ExampleSession> sessions = ExampleSession.loadAll();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tasks.add(() -> {
                    int errors = 0;
                    for (ExampleSession s : sessions) {
                        for (ExampleSession.ClientMessage m : s.clientMessages()) {
                            errors += schemas.validateClientMessage(m.json()).size();
                        }
                        for (ExampleSession.ServerMessage m : s.serverMessages()) {
                            errors += schemas.validateServerMessage(m.json()).size();
                        }
                    }
                    return errors;
                });
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- AsyncAPI

    @Test
    void asyncApiParsesAndCoversEveryMessage() throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(ASYNCAPI.toFile());
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        JsonNode channel = doc.path("channels").path("audiohook");
        assertEquals("/audiohook/ws", channel.path("address").asText());
        assertTrue(channel.path("x-additional-addresses").toString().contains("/connect"));
        assertEquals("X-API-KEY", doc.path("components").path("securitySchemes").path("apiKeyWithSignature").path("name").asText());

        Set<String> messages = new TreeSet<>();
        doc.path("components").path("messages").fieldNames().forEachRemaining(messages::add);
        Set<String> expected = new TreeSet<>(ProtocolSchemas.CLIENT_TYPES);
        expected.addAll(ProtocolSchemas.SERVER_TYPES);
        expected.add("audio");
        assertEquals(expected, messages);
        assertEquals("application/octet-stream",
                doc.path("components").path("messages").path("audio").path("contentType").asText());

        Set<String> received = new HashSet<>();
        Set<String> sent = new HashSet<>();
        doc.path("operations").forEach(op -> {
            String ref = op.path("messages").get(0).path("$ref").asText();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            ("receive".equals(op.path("action").asText()) ? received : sent).add(name);
        });
        Set<String> expectedReceived = new HashSet<>(ProtocolSchemas.CLIENT_TYPES);
        expectedReceived.add("audio");
        assertEquals(expectedReceived, received);
        assertEquals(new HashSet<>(ProtocolSchemas.SERVER_TYPES), sent);
    }

    @Test
    void asyncApiReferencesResolveAndCoverEverySchemaFile() throws IOException {
        String text = Files.readString(ASYNCAPI);
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(text);
        Set<Path> referenced = new HashSet<>();
        Matcher m = Pattern.compile("\\$ref:\\s*'([^']+)'").matcher(text);
        int internal = 0;
        while (m.find()) {
            String ref = m.group(1);
            if (ref.startsWith("#/")) {
                assertFalse(doc.at(ref.substring(1)).isMissingNode(), "internal $ref resolves: " + ref);
                internal++;
            } else {
                Path file = PROTOCOL.resolve(ref.split("#", 2)[0]).normalize();
                assertTrue(Files.isRegularFile(file), "$ref target exists: " + ref);
                referenced.add(file);
            }
        }
        assertNotEquals(0, internal);
        for (Path file : schemaFiles()) {
            if (!List.of("common.json", "custom-config.json").contains(file.getFileName().toString())) {
                assertTrue(referenced.contains(file.normalize()), "schema referenced by asyncapi.yaml: " + file);
            }
        }
        // common.json and custom-config.json are reached through the message schemas
        assertTrue(Files.readString(PROTOCOL.resolve("schemas/client/open.json")).contains("../custom-config.json"));
        assertTrue(Files.readString(PROTOCOL.resolve("schemas/server/opened.json")).contains("../common.json#/definitions/"));
    }

    // ---------------------------------------------------------------- helpers

    private static List<Path> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(PROTOCOL.resolve("schemas"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    private static ObjectNode firstServer(String example, String type) {
        return ExampleSession.load(example).serverMessages().stream().filter(m -> type.equals(m.type()))
                .findFirst().map(m -> (ObjectNode) m.message().deepCopy()).orElseThrow();
    }

    private static ObjectNode firstClient(String example, String type) {
        return ExampleSession.load(example).clientMessages().stream().filter(m -> type.equals(m.type()))
                .findFirst().map(m -> (ObjectNode) m.message().deepCopy()).orElseThrow();
    }

    private static boolean containsEqual(JsonNode array, JsonNode element) {
        for (JsonNode item : array) {
            if (item.equals(element)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal seconds(String duration) {
        Matcher m = DURATION.matcher(duration);
        assertTrue(m.matches(), "duration " + duration);
        return new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
    }

    private static void assertRejected(Set<String> errors) {
        assertFalse(errors.isEmpty(), "expected validation errors");
    }
}
