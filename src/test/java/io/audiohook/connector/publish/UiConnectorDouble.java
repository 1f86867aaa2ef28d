package io.audiohook.connector.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.audiohook.connector.testkit.Resp;

/**
 * Plays one instance of Google's UI connector against the real Redis, as its Python code does: a process-wide
 * {@code SERVER_ID} of {@code "<random float>-<unix time float>"}, {@code PSUBSCRIBE <id>:*}, {@code SET key id}
 * when a desktop sends {@code join-conversation} (name normalised without location), {@code DEL key} on leave, and
 * every message parsed as JSON (a body that is not would stall the real one for 2 s; here it is recorded).
 */
final class UiConnectorDouble implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One message as the UI connector would emit it to the socket.io room. */
    record Received(String channel, String body, JsonNode envelope) {
        String dataType() {
            return envelope.get("data_type").asText();
        }

        String messageId() {
            return envelope.get("message_id").asText();
        }

        JsonNode data() {
            try {
                return MAPPER.readTree(envelope.get("data").asText());
            } catch (IOException e) {
                throw new AssertionError("data is not JSON: " + envelope.get("data"), e);
            }
        }
    }

    final String serverId;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> unparsable = new CopyOnWriteArrayList<>();
    private final Set<String> joined = new LinkedHashSet<>();
    private volatile Resp subscriber;
    private volatile Thread reader;
    private volatile boolean closed;

    UiConnectorDouble(int port) throws IOException {
        this.port = port;
        this.serverId = ThreadLocalRandom.current().nextDouble(0, 322321) + "-" + System.currentTimeMillis() / 1000.0;
        subscribe();
    }

    /** (Re)connects the pub/sub connection, as redis-py does after its connection broke. */
    synchronized void subscribe() throws IOException {
        if (subscriber != null) {
            subscriber.close();
        }
        Resp resp = Resp.connect(port);
        resp.send("PSUBSCRIBE", serverId + ":*");
        resp.read(); // the psubscribe confirmation: messages published from now on reach us
        subscriber = resp;
        Thread thread = new Thread(() -> read(resp), "ui-connector-double-" + serverId);
        thread.setDaemon(true);
        thread.start();
        reader = thread;
    }

    private void read(Resp resp) {
        while (!closed) {
            Object message;
            try {
                message = resp.read();
            } catch (IOException e) {
                return; // Redis went away or we closed; subscribe() starts a new reader
            }
            if (message instanceof List<?> parts && parts.size() == 4 && "pmessage".equals(parts.get(0))) {
                String channel = (String) parts.get(2);
                String body = (String) parts.get(3);
                try {
                    JsonNode envelope = MAPPER.readTree(body);
                    if (!envelope.hasNonNull("data_type") || !envelope.hasNonNull("conversation_name")) {
                        unparsable.add(body);
                    } else {
                        received.add(new Received(channel, body, envelope));
                    }
                } catch (IOException e) {
                    unparsable.add(body);
                }
            }
        }
    }

    /** A desktop on this instance sends {@code join-conversation}. */
    synchronized void join(String conversationName) throws IOException {
        String key = ConversationKeys.withoutLocation(conversationName);
        try (Resp resp = Resp.connect(port)) {
            resp.call("SET", key, serverId);
        }
        joined.add(key);
    }

    /** The desktop sends {@code leave-conversation} (or disconnects). */
    synchronized void leave(String conversationName) throws IOException {
        String key = ConversationKeys.withoutLocation(conversationName);
        try (Resp resp = Resp.connect(port)) {
            resp.call("DEL", key);
        }
        joined.remove(key);
    }

    /** After Redis restarted empty: subscribe again, and the desktops join again. */
    synchronized void reconnectAndRejoin() throws IOException {
        subscribe();
        try (Resp resp = Resp.connect(port)) {
            for (String key : joined) {
                resp.call("SET", key, serverId);
            }
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What reached this instance for one conversation (full or location-less name), in arrival order. */
    List<Received> received(String conversationName) {
        String key = ConversationKeys.withoutLocation(conversationName);
        List<Received> mine = new ArrayList<>();
        for (Received r : received) {
            if (r.envelope().get("conversation_name").asText().equals(key)) {
                mine.add(r);
            }
        }
        return mine;
    }

    List<String> unparsable() {
        return List.copyOf(unparsable);
    }

    @Override
    public void close() {
        closed = true;
        Resp resp = subscriber;
        if (resp != null) {
            resp.close();
        }
    }
}
