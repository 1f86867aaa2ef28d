package io.audiohook.connector.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates AudioHook text messages against the JSON Schemas in {@code audiohook-protocol/schemas}.
 *
 * <p>The schemas identify themselves with {@code $id}s under {@link #ID_BASE}; that prefix is mapped to
 * the schema directory on disk, so relative {@code $ref}s resolve offline. All schemas are loaded and
 * initialised eagerly in the constructor; afterwards an instance is immutable and safe to share between
 * threads. {@link #shared()} returns a lazily created instance for the project's own contract directory.
 */
public final class ProtocolSchemas {

    /** Prefix of every schema {@code $id} (the .invalid TLD makes sure nothing is ever fetched). */
    public static final String ID_BASE = "https://audiohook-protocol.invalid/schemas/";

    /** The contract directory on the test classpath (Maven copies {@code audiohook-protocol/} there). */
    public static final Path DEFAULT_PROTOCOL_DIR = onClasspath("/audiohook-protocol/asyncapi.yaml").getParent();

    public static final List<String> CLIENT_TYPES =
            List.of("open", "close", "ping", "paused", "resumed", "discarded", "update", "error");

    public static final List<String> SERVER_TYPES =
            List.of("opened", "closed", "pong", "pause", "resume", "disconnect", "event", "updated");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path protocolDir;
    private final Map<String, JsonSchema> clientSchemas;
    private final Map<String, JsonSchema> serverSchemas;
    private final JsonSchema customConfig;

    private ProtocolSchemas(Path protocolDir) {
        this.protocolDir = protocolDir.toAbsolutePath().normalize();
        Path schemaDir = this.protocolDir.resolve("schemas");
        if (!Files.isDirectory(schemaDir)) {
            throw new IllegalStateException("Schema directory not found: " + schemaDir);
        }
        String target = schemaDir.toUri().toString();
        if (!target.endsWith("/")) {
            target = target + "/";
        }
        String mappedTarget = target;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_BASE, mappedTarget)));
        this.clientSchemas = loadAll(factory, "client", CLIENT_TYPES);
        this.serverSchemas = loadAll(factory, "server", SERVER_TYPES);
        this.customConfig = factory.getSchema(SchemaLocation.of(ID_BASE + "custom-config.json"));
        this.customConfig.initializeValidators();
    }

    /** Loads the schemas from {@code <protocolDir>/schemas}. */
    public static ProtocolSchemas load(Path protocolDir) {
        return new ProtocolSchemas(protocolDir);
    }

    /** A resource of the classpath as a path, also inside a jar. */
    static Path onClasspath(String resource) {
        java.net.URL url = ProtocolSchemas.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        try {
            java.net.URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    java.nio.file.FileSystems.newFileSystem(uri, Map.of());
                } catch (java.nio.file.FileSystemAlreadyExistsException alreadyOpen) {
                    // another caller opened it first
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return Path.of(uri);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the schemas of the contract on the classpath. */
    public static ProtocolSchemas load() {
        return load(DEFAULT_PROTOCOL_DIR);
    }

    /** A cached instance for {@link #DEFAULT_PROTOCOL_DIR}, created on first use. */
    public static ProtocolSchemas shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final ProtocolSchemas INSTANCE = load();
    }

    /** Absolute path of the contract directory these schemas were loaded from. */
    public Path protocolDir() {
        return protocolDir;
    }

    /** The {@code $id} of the schema for a message type, e.g. {@code .../schemas/server/opened.json}. */
    public static String schemaId(boolean fromServer, String type) {
        return ID_BASE + (fromServer ? "server/" : "client/") + type + ".json";
    }

    /** Validates a server-to-client message; returns the errors (empty when valid). */
    public Set<String> validateServerMessage(String json) {
        return validate(json, serverSchemas, "server");
    }

    /** Validates a client-to-server message; returns the errors (empty when valid). */
    public Set<String> validateClientMessage(String json) {
        return validate(json, clientSchemas, "client");
    }

    /** Validates an {@code open}'s {@code customConfig} against this connector's keys; the errors, empty when valid. */
    public Set<String> validateCustomConfig(JsonNode customConfig) {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : this.customConfig.validate(customConfig)) {
            errors.add(message.getMessage());
        }
        return Collections.unmodifiableSet(errors);
    }

    public Set<String> validateServerMessage(JsonNode message) {
        return validate(message, serverSchemas, "server");
    }

    public Set<String> validateClientMessage(JsonNode message) {
        return validate(message, clientSchemas, "client");
    }

    private static Set<String> validate(String json, Map<String, JsonSchema> schemas, String side) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Set.of("not valid JSON: " + e.getOriginalMessage());
        }
        return validate(node, schemas, side);
    }

    private static Set<String> validate(JsonNode node, Map<String, JsonSchema> schemas, String side) {
        if (node == null || !node.isObject()) {
            return Set.of("message is not a JSON object");
        }
        JsonNode type = node.get("type");
        JsonSchema schema = type != null && type.isTextual() ? schemas.get(type.asText()) : null;
        if (schema == null) {
            return Set.of("unknown " + side + " message type: " + (type == null ? "<missing>" : type.toString()));
        }
        Set<ValidationMessage> messages = schema.validate(node);
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : messages) {
            errors.add(message.getMessage());
        }
        return Collections.unmodifiableSet(errors);
    }

    private static Map<String, JsonSchema> loadAll(JsonSchemaFactory factory, String side, List<String> types) {
        Map<String, JsonSchema> result = new LinkedHashMap<>();
        for (String type : types) {
            String id = ID_BASE + side + "/" + type + ".json";
            try {
                JsonSchema schema = factory.getSchema(SchemaLocation.of(id));
                // resolve all $refs now so later use is read-only (thread-safe) and broken refs fail fast
                schema.initializeValidators();
                result.put(type, schema);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot load schema " + id, e);
            }
        }
        return Collections.unmodifiableMap(result);
    }
}
