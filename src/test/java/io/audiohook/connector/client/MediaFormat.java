package io.audiohook.connector.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One entry of open.parameters.media. Channel order is significant: it is the interleaving order. */
public record MediaFormat(String type, String format, List<String> channels, int rate) {

    public static final String EXTERNAL = "external";
    public static final String INTERNAL = "internal";

    public MediaFormat {
        channels = List.copyOf(channels);
    }

    public static MediaFormat pcmu(String... channels) {
        return new MediaFormat("audio", "PCMU", List.of(channels), 8000);
    }

    public static MediaFormat l16(String... channels) {
        return new MediaFormat("audio", "L16", List.of(channels), 8000);
    }

    /** What Genesys offers for a regular call: stereo first, then each party alone. */
    public static List<MediaFormat> defaultOffer() {
        return List.of(pcmu(EXTERNAL, INTERNAL), pcmu(EXTERNAL), pcmu(INTERNAL));
    }

    public AudioEncoding encoding() {
        return AudioEncoding.valueOf(format);
    }

    /** Bytes of one sample instant across all channels. */
    public int frameBytes() {
        return encoding().bytesPerSample() * channels.size();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", type);
        node.put("format", format);
        channels.forEach(node.putArray("channels")::add);
        node.put("rate", rate);
        return node;
    }

    public static MediaFormat fromJson(JsonNode node) {
        List<String> channels = new java.util.ArrayList<>();
        node.path("channels").forEach(c -> channels.add(c.asText()));
        return new MediaFormat(node.path("type").asText(), node.path("format").asText(), channels, node.path("rate").asInt());
    }
}
