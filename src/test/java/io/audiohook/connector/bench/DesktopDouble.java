package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.audiohook.connector.publish.ConversationKeys;
import io.audiohook.connector.publish.TranscriptEntry;
import io.audiohook.connector.publish.TranscriptRecord;
import io.audiohook.connector.testkit.Resp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays Google's UI connector with one agent desktop joined to every call, so the connector really PUBLISHes: a
 * subscriber ({@code PSUBSCRIBE <id>:*}, one reader thread that only counts) and {@code SET <conversation key> <id>}
 * for each call before it opens, as the UI connector does on {@code join-conversation}. It also notes which roles
 * of each call got a final transcript line, so a run can tell how many calls were really transcribed.
 */
public final class DesktopDouble implements AutoCloseable {
    public static final String PROJECT = "emulated-project";

    private final String id = "bench-desktop-" + System.nanoTime();
    private final Resp commands;
    private final Resp subscriber;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong received = new AtomicLong();
    /** Genesys conversation id → roles with at least one final recognition result. */
    private final Map<String, Set<String>> finals = new ConcurrentHashMap<>();
    /** Genesys conversation id → final recognition results received. */
    private final Map<String, AtomicLong> finalLines = new ConcurrentHashMap<>();
    private final String project;
    private volatile boolean closed;

    public DesktopDouble(String host, int port, String project) throws IOException {
        this.project = project;
        commands = Resp.connect(host, port);
        subscriber = Resp.connect(host, port);
        subscriber.send("PSUBSCRIBE", id + ":*");
        subscriber.read();
        Thread reader = new Thread(this::read, "desktop-double");
        reader.setDaemon(true);
        reader.start();
    }

    static DesktopDouble parse(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        return new DesktopDouble(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), PROJECT);
    }

    /** The key the connector looks up: the Agent Assist conversation name without location. */
    public void join(String genesysConversationId) throws IOException {
        commands.call("SET", key(genesysConversationId), id);
    }

    private String key(String genesysConversationId) {
        return "projects/" + project + "/conversations/a" + genesysConversationId;
    }

    /**
     * The call's utterances in its durable transcript, as the connector wrote them to Redis (its stream under the
     * default key prefix, read with {@code XRANGE}), in order; suggestions and the summary left out.
     */
    public List<TranscriptEntry> transcript(String genesysConversationId) throws IOException {
        List<TranscriptEntry> lines = new ArrayList<>();
        Object reply = commands.call("XRANGE", ConversationKeys.transcript("aa-connector:", key(genesysConversationId)),
                "-", "+");
        for (Object entry : (List<?>) reply) {
            List<?> idAndFields = (List<?>) entry;
            List<String> fields = ((List<?>) idAndFields.get(1)).stream().map(String::valueOf).toList();
            TranscriptRecord.fromFields(String.valueOf(idAndFields.get(0)), fields)
                    .filter(TranscriptEntry.class::isInstance).map(TranscriptEntry.class::cast).ifPresent(lines::add);
        }
        return lines;
    }

    long received() {
        return received.get();
    }

    private void read() {
        while (!closed) {
            try {
                if (subscriber.read() instanceof List<?> parts && parts.size() == 4 && "pmessage".equals(parts.get(0))) {
                    received.incrementAndGet();
                    noteFinal(String.valueOf(parts.get(3)));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Roles of the call that got a final transcript line. */
    public Set<String> transcribedRoles(String genesysConversationId) {
        return finals.getOrDefault(genesysConversationId, Set.of());
    }

    /** Final transcript lines of the call received so far. */
    public long finalLines(String genesysConversationId) {
        AtomicLong lines = finalLines.get(genesysConversationId);
        return lines == null ? 0 : lines.get();
    }

    private void noteFinal(String envelope) {
        if (!envelope.contains("new-recognition-result-notification-event")) {
            return;
        }
        try {
            JsonNode e = JSON.readTree(envelope);
            JsonNode data = JSON.readTree(e.path("data").asText());
            if (data.path("newRecognitionResultPayload").path("isFinal").asBoolean()) {
                String name = e.path("conversation_name").asText();
                String id = name.substring(name.lastIndexOf("/conversations/a") + "/conversations/a".length());
                finals.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(e.path("participant_role").asText());
                finalLines.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
            }
        } catch (IOException | RuntimeException ignored) {
            // counted as received; not a transcript line
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriber.close();
        commands.close();
    }
}
