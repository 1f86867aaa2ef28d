package io.audiohook.connector.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One example session from {@code audiohook-protocol/examples/*.jsonl}, parsed into replayable steps.
 *
 * <p>Line formats: {@code {"from":"client","message":{...}}} (text message to send verbatim),
 * {@code {"from":"client","audio":{"frames":N,"frameBytes":B}}} (N binary frames of B bytes, content
 * irrelevant), {@code {"from":"server","message":{...}}} (next expected server message, compared as JSON),
 * and {@code {"comment":"..."}} (ignored). Blank lines are ignored.
 */
public final class ExampleSession {

    /** The examples of the contract on the test classpath. */
    public static final Path DEFAULT_EXAMPLES_DIR = ProtocolSchemas.DEFAULT_PROTOCOL_DIR.resolve("examples");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A step of a session; {@code line} is the 1-based line number in the file. */
    public sealed interface Step permits ClientMessage, ClientAudio, ServerMessage {
        int line();
    }

    /** A client text message. {@link #json()} is the exact text to send. */
    public record ClientMessage(int line, JsonNode message) implements Step {
        public String json() {
            return toJson(message);
        }

        public String type() {
            return message.path("type").asText();
        }

        public long seq() {
            return message.path("seq").asLong();
        }
    }

    /** {@code frames} binary audio frames of {@code frameBytes} bytes each. */
    public record ClientAudio(int line, int frames, int frameBytes) implements Step {
        public ClientAudio {
            if (frames < 1 || frameBytes < 1) {
                throw new IllegalArgumentException("line " + line + ": frames and frameBytes must be >= 1");
            }
        }
    }

    /** The next server message the replayer expects (compare with {@link JsonNode#equals}). */
    public record ServerMessage(int line, JsonNode message) implements Step {
        public String json() {
            return toJson(message);
        }

        public String type() {
            return message.path("type").asText();
        }

        public long seq() {
            return message.path("seq").asLong();
        }
    }

    private final String name;
    private final Path source;
    private final List<Step> steps;

    private ExampleSession(String name, Path source, List<Step> steps) {
        this.name = name;
        this.source = source;
        this.steps = List.copyOf(steps);
    }

    /** Parses one {@code .jsonl} file. */
    public static ExampleSession parse(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String fileName = file.getFileName().toString();
            String name = fileName.endsWith(".jsonl") ? fileName.substring(0, fileName.length() - 6) : fileName;
            return parse(name, file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Parses example lines; {@code source} may be null. */
    public static ExampleSession parse(String name, Path source, List<String> lines) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": not JSON: " + e.getOriginalMessage(), e);
            }
            Step step = toStep(name, lineNo, node);
            if (step != null) {
                steps.add(step);
            }
        }
        return new ExampleSession(name, source, steps);
    }

    private static Step toStep(String name, int lineNo, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " line " + lineNo + ": not a JSON object");
        }
        if (node.has("comment") && !node.has("from")) {
            return null;
        }
        String from = node.path("from").asText("");
        JsonNode message = node.get("message");
        JsonNode audio = node.get("audio");
        if ("client".equals(from) && message != null && message.isObject() && audio == null) {
            return new ClientMessage(lineNo, message);
        }
        if ("client".equals(from) && audio != null && audio.isObject() && message == null) {
            JsonNode frames = audio.get("frames");
            JsonNode frameBytes = audio.get("frameBytes");
            if (frames == null || !frames.canConvertToInt() || !frames.isIntegralNumber()
                    || frameBytes == null || !frameBytes.canConvertToInt() || !frameBytes.isIntegralNumber()) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": audio needs integer frames and frameBytes");
            }
            return new ClientAudio(lineNo, frames.intValue(), frameBytes.intValue());
        }
        if ("server".equals(from) && message != null && message.isObject() && audio == null) {
            return new ServerMessage(lineNo, message);
        }
        throw new IllegalArgumentException(name + " line " + lineNo + ": unrecognised step " + node);
    }

    /** Parses every {@code *.jsonl} file of a directory, sorted by file name. */
    public static List<ExampleSession> loadAll(Path examplesDir) {
        try (Stream<Path> files = Files.list(examplesDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .map(ExampleSession::parse)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + examplesDir, e);
        }
    }

    /** Parses every example in {@link #DEFAULT_EXAMPLES_DIR}. */
    public static List<ExampleSession> loadAll() {
        return loadAll(DEFAULT_EXAMPLES_DIR);
    }

    /** Parses {@code <DEFAULT_EXAMPLES_DIR>/<name>.jsonl}. */
    public static ExampleSession load(String name) {
        return parse(DEFAULT_EXAMPLES_DIR.resolve(name + ".jsonl"));
    }

    /** File name without {@code .jsonl}. */
    public String name() {
        return name;
    }

    /** The file this session was read from, or null. */
    public Path source() {
        return source;
    }

    public List<Step> steps() {
        return steps;
    }

    public List<ClientMessage> clientMessages() {
        return steps.stream().filter(ClientMessage.class::isInstance).map(ClientMessage.class::cast).collect(Collectors.toList());
    }

    public List<ServerMessage> serverMessages() {
        return steps.stream().filter(ServerMessage.class::isInstance).map(ServerMessage.class::cast).collect(Collectors.toList());
    }

    /** The first client message, which is the {@code open}. */
    public ClientMessage open() {
        return clientMessages().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(name + ": no client message"));
    }

    /** Session id (the {@code id} of the open) — send it as {@code Audiohook-Session-Id}. */
    public String sessionId() {
        return open().message().path("id").asText();
    }

    /** {@code open.parameters.organizationId} — send it as {@code Audiohook-Organization-Id}. */
    public String organizationId() {
        return open().message().path("parameters").path("organizationId").asText();
    }

    private static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
