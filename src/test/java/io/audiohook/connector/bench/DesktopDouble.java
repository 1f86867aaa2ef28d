package io.audiohook.connector.bench;

import io.audiohook.connector.redis.Resp;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays Google's UI connector with one agent desktop joined to every call, so the connector really PUBLISHes: a
 * subscriber ({@code PSUBSCRIBE <id>:*}, one reader thread that only counts) and {@code SET <conversation key> <id>}
 * for each call before it opens, as the UI connector does on {@code join-conversation}.
 */
final class DesktopDouble implements AutoCloseable {
    static final String PROJECT = "emulated-project";

    private final String id = "bench-desktop-" + System.nanoTime();
    private final Resp commands;
    private final Resp subscriber;
    private final AtomicLong received = new AtomicLong();
    private final String project;
    private volatile boolean closed;

    DesktopDouble(String host, int port, String project) throws IOException {
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
    void join(String genesysConversationId) throws IOException {
        commands.call("SET", "projects/" + project + "/conversations/a" + genesysConversationId, id);
    }

    long received() {
        return received.get();
    }

    private void read() {
        while (!closed) {
            try {
                if (subscriber.read() instanceof List<?> parts && parts.size() == 4 && "pmessage".equals(parts.get(0))) {
                    received.incrementAndGet();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriber.close();
        commands.close();
    }
}
