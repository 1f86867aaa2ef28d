package io.audiohook.connector.protocol;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds server messages. Parameters are built here, sequence numbers are added only by
 * {@link SerializedSender} at the moment of sending, so that nobody can assign a seq out of order.
 */
public final class ServerMessages {
    private static final ObjectMapper MAPPER = ClientMessageCodec.mapper();

    private ServerMessages() {
    }

    /** A server message without its sequence numbers. */
    public record Outgoing(String type, ObjectNode parameters) {
    }

    public static Outgoing opened(Optional<MediaOffer> media, boolean startPaused, Optional<List<String>> languages) {
        ObjectNode p = MAPPER.createObjectNode();
        ArrayNode mediaArray = p.putArray("media");
        media.ifPresent(m -> mediaArray.add(m.wire()));
        p.put("startPaused", startPaused);
        languages.ifPresent(list -> {
            ArrayNode array = p.putArray("supportedLanguages");
            list.forEach(array::add);
        });
        return new Outgoing("opened", p);
    }

    public static Outgoing closed() {
        return new Outgoing("closed", MAPPER.createObjectNode());
    }

    public static Outgoing pong() {
        return new Outgoing("pong", MAPPER.createObjectNode());
    }

    public static Outgoing pause() {
        return new Outgoing("pause", MAPPER.createObjectNode());
    }

    public static Outgoing resume() {
        return new Outgoing("resume", MAPPER.createObjectNode());
    }

    public static Outgoing updated() {
        return new Outgoing("updated", MAPPER.createObjectNode());
    }

    public static Outgoing disconnect(DisconnectReason reason, Optional<String> info) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("reason", reason.wireName());
        info.ifPresent(i -> p.put("info", i));
        return new Outgoing("disconnect", p);
    }

    /** Genesys reads {@code entities[0]} only: callers send one entity per event unless they know better. */
    public static Outgoing event(List<? extends JsonNode> entities) {
        if (entities.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one entity");
        }
        ObjectNode p = MAPPER.createObjectNode();
        ArrayNode array = p.putArray("entities");
        entities.forEach(array::add);
        return new Outgoing("event", p);
    }

    static String encode(Outgoing message, String sessionId, long seq, long clientseq) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "2");
            g.writeStringField("type", message.type());
            g.writeStringField("id", sessionId);
            g.writeNumberField("seq", seq);
            g.writeNumberField("clientseq", clientseq);
            g.writeFieldName("parameters");
            MAPPER.writeTree(g, message.parameters());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
