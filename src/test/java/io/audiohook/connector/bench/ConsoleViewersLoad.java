package io.audiohook.connector.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Browsers watching the console while a benchmark runs, to measure what watching costs the calls: one viewer of the
 * calls' list, and the others each following a live call (its transcript, suggestions and protocol events), moving
 * to another when it ends. Reads as fast as it can, like a browser on a good network; prints what it received
 * every 10 s and when stopped. Usage: {@code ConsoleViewersLoad --url http://HOST:PORT [--viewers 5]}.
 */
public final class ConsoleViewersLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final Set<String> followed = new HashSet<>();

    private ConsoleViewersLoad(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws InterruptedException {
        URI url = null;
        int viewers = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = URI.create(args[i + 1]);
                case "--viewers" -> viewers = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || viewers < 1) {
            throw new IllegalArgumentException("usage: --url http://HOST:PORT [--viewers N>=1]");
        }
        ConsoleViewersLoad load = new ConsoleViewersLoad(url);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            boolean follows = i > 0;
            Thread thread = new Thread(() -> load.watch(follows), "viewer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(load::report));
        while (true) {
            Thread.sleep(10_000);
            load.report();
        }
    }

    private void report() {
        System.out.printf("console viewers: %d messages (%d time-line entries), %.1f MB received%n", messages.get(),
                entries.get(), bytes.get() / 1e6);
    }

    /** One viewer, for ever: reconnects when its stream ends, as the page does. */
    private void watch(boolean follows) {
        String call = null;
        while (true) {
            try {
                call = follows ? pick(call) : null;
                if (follows && call == null) {
                    Thread.sleep(1000);
                    continue;
                }
                read(call);
            } catch (IOException | UncheckedIOException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads one stream until it ends, or until the followed call is no longer live. */
    private void read(String call) throws IOException, InterruptedException {
        URI uri = base.resolve("/console/api/stream" + (call == null ? "" : "?call=" + call));
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("stream answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                bytes.addAndGet(line.length() + 1);
                if (!line.startsWith("data:")) {
                    continue;
                }
                messages.incrementAndGet();
                JsonNode message = JSON.readTree(line.substring(5));
                String type = message.path("type").asText();
                if ("entry".equals(type)) {
                    entries.incrementAndGet();
                } else if ("calls".equals(type) && call != null && !live(message, call)) {
                    return;
                }
            }
        }
    }

    /** A live call nobody else follows, other than {@code previous}. */
    private String pick(String previous) throws IOException, InterruptedException {
        synchronized (followed) {
            followed.remove(previous);
        }
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(base.resolve("/console/api/stream"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonNode message = JSON.readTree(line.substring(5));
                if (!"calls".equals(message.path("type").asText())) {
                    continue;
                }
                synchronized (followed) {
                    for (JsonNode c : message.path("calls")) {
                        String session = c.path("sessionId").asText();
                        if ("active".equals(c.path("state").asText()) && !session.equals(previous)
                                && followed.add(session)) {
                            return session;
                        }
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static boolean live(JsonNode calls, String session) {
        for (JsonNode c : calls.path("calls")) {
            if (session.equals(c.path("sessionId").asText())) {
                return !"ended".equals(c.path("state").asText());
            }
        }
        return false;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
