package io.audiohook.connector.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.RawWebSocket;
import io.audiohook.connector.client.SessionConfig;

/**
 * What hostile clients cost a running connector (bench/run-hostile-bench.sh starts it): idle TCP connections that
 * never upgrade (how many it holds, for how long, heap and RSS per connection), a flood of upgrades with forged
 * signatures (time and CPU per 401, log lines), clients that send pings and never read (what the server holds for
 * them), and WebSocket ping floods (pongs before the 1008). A normal call is timed during each flood. Memory is read
 * after a full GC of the connector ({@code jcmd GC.run}), from its {@code /q/metrics} and {@code /proc}.
 */
public final class HostileClientsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final String apiKey;
    private final String secret;
    private final ServerProbe server;
    private final Path log;
    private final ClientResources resources = ClientResources.create();

    private HostileClientsBenchmark(Map<String, String> options) {
        uri = URI.create(options.get("uri"));
        apiKey = options.get("api-key");
        secret = options.get("secret");
        server = new ServerProbe(Long.parseLong(options.get("pid")),
                URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/q/metrics"));
        log = Path.of(options.get("log"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        HostileClientsBenchmark bench = new HostileClientsBenchmark(options);
        ObjectNode results = JSON.createObjectNode();
        results.put("idle_timeout_s", Integer.parseInt(options.get("idle-timeout-s")));
        results.set("idle_connections", bench.idleConnections(Integer.parseInt(options.getOrDefault("idle", "2000")),
                Duration.ofSeconds(Integer.parseInt(options.get("idle-timeout-s")))));
        results.set("forged_upgrade_flood", bench.forgedUpgrades(Integer.parseInt(options.getOrDefault("flood", "2000")),
                Integer.parseInt(options.getOrDefault("flood-concurrency", "50"))));
        results.set("non_reading_pingers", bench.nonReadingPingers(
                Integer.parseInt(options.getOrDefault("pingers", "20")), Duration.ofSeconds(10)));
        results.set("websocket_ping_floods", bench.pingFloods(Integer.parseInt(options.getOrDefault("flooders", "50"))));
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results);
        Files.writeString(Path.of(options.get("out")), json + "\n");
        System.out.println(json);
        bench.resources.close();
    }

    /** N connections that connect and say nothing: held how long, at what cost, while a call goes on. */
    private ObjectNode idleConnections(int n, Duration idleTimeout) throws Exception {
        ServerProbe.Memory before = server.memory();
        List<SocketChannel> channels = new ArrayList<>();
        long opened = System.nanoTime();
        for (int i = 0; i < n; i++) {
            channels.add(SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort())));
        }
        Thread.sleep(2_000);
        ServerProbe.Memory holding = server.memory();
        ProbeCall call = ProbeCall.start(config(), resources);
        long[] closedAfterMs = closeTimes(channels, opened, idleTimeout.plusSeconds(60));
        ServerProbe.Memory after = server.memory();
        ObjectNode node = JSON.createObjectNode().put("connections", n);
        node.put("server_sockets_before", before.sockets()).put("server_sockets_holding", holding.sockets())
                .put("server_sockets_after", after.sockets());
        node.put("heap_bytes_per_connection", (holding.heapBytes() - before.heapBytes()) / n)
                .put("rss_bytes_per_connection", (holding.rssBytes() - before.rssBytes()) / n)
                .put("heap_mb_after_close_minus_before", mb(after.heapBytes() - before.heapBytes()));
        Arrays.sort(closedAfterMs);
        node.put("closed_after_ms_min", closedAfterMs[0]).put("closed_after_ms_median", closedAfterMs[n / 2])
                .put("closed_after_ms_max", closedAfterMs[n - 1]);
        node.set("call_meanwhile", call.finish());
        return node;
    }

    /** Connection by connection, when the server closed it (read -1), in ms after {@code opened}; -1: never. */
    private static long[] closeTimes(List<SocketChannel> channels, long opened, Duration limit) throws IOException {
        long[] closedAfterMs = new long[channels.size()];
        Arrays.fill(closedAfterMs, -1);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < channels.size(); i++) {
                channels.get(i).configureBlocking(false).register(selector, SelectionKey.OP_READ, i);
            }
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            int open = channels.size();
            long deadline = System.nanoTime() + limit.toNanos();
            while (open > 0 && System.nanoTime() < deadline) {
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    buffer.clear();
                    int read;
                    try {
                        read = channel.read(buffer);
                    } catch (IOException reset) {
                        read = -1;
                    }
                    if (read < 0) {
                        closedAfterMs[(Integer) key.attachment()] = (System.nanoTime() - opened) / 1_000_000;
                        key.cancel();
                        channel.close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        for (SocketChannel channel : channels) {
            channel.close();
        }
        return closedAfterMs;
    }

    /** K upgrades with a forged signature, C at a time: each must be a 401. */
    private ObjectNode forgedUpgrades(int k, int concurrency) throws Exception {
        ServerProbe.Memory before = server.memory();
        long linesBefore = logLines("upgrade refused");
        long summariesBefore = logLines("more upgrades refused");
        long cpuBefore = ProcStats.cpuTicks(server.pid());
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < k; i++) {
            SessionConfig forged = config().signatureTweak(in -> in.corruptSignature(true));
            results.add(threads.submit(() -> {
                long t = System.nanoTime();
                try (RawWebSocket ws = RawWebSocket.connect(forged)) {
                    return new long[] {ws.status(), System.nanoTime() - t};
                }
            }));
        }
        Thread.sleep(1_000);
        ServerProbe.Memory during = server.memory();
        ProbeCall call = ProbeCall.start(config(), resources);
        long refused = 0;
        long[] latencies = new long[k];
        for (int i = 0; i < k; i++) {
            long[] result = results.get(i).get(5, TimeUnit.MINUTES);
            refused += result[0] == 401 ? 1 : 0;
            latencies[i] = result[1] / 1_000_000;
        }
        long elapsed = System.nanoTime() - started;
        threads.shutdown();
        long cpuTicks = ProcStats.cpuTicks(server.pid()) - cpuBefore;
        ObjectNode callNode = call.finish();
        Thread.sleep(11_000); // the refusal log's window ends: its summary line is written
        ServerProbe.Memory after = server.memory();
        Arrays.sort(latencies);
        ObjectNode node = JSON.createObjectNode().put("upgrades", k).put("concurrency", concurrency)
                .put("answered_401", refused).put("refusals_per_second", k * 1e9 / elapsed);
        node.put("latency_ms_p50", latencies[k / 2]).put("latency_ms_max", latencies[k - 1]);
        node.put("server_cpu_ms_per_refusal", cpuTicks * 1000.0 / ProcStats.clockTicks() / k);
        node.put("heap_mb_during_minus_before", mb(during.heapBytes() - before.heapBytes()))
                .put("heap_mb_after_minus_before", mb(after.heapBytes() - before.heapBytes()));
        node.put("log_lines_one_per_refusal", logLines("upgrade refused") - linesBefore)
                .put("log_summary_lines", logLines("more upgrades refused") - summariesBefore);
        node.set("call_meanwhile", callNode);
        return node;
    }

    /** P opened sessions that send pings as fast as they can and never read: what the server holds for them. */
    private ObjectNode nonReadingPingers(int p, Duration duration) throws Exception {
        ServerProbe.Memory before = server.memory();
        List<RawWebSocket> sockets = new ArrayList<>();
        AtomicLong bytesSent = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(p);
        for (int i = 0; i < p; i++) {
            SessionConfig config = config();
            RawWebSocket ws = RawWebSocket.connectWithoutReading(config);
            sockets.add(ws);
            writers.submit(() -> pingWithoutReading(ws, config, bytesSent));
        }
        Thread.sleep(duration.toMillis());
        ServerProbe.Memory holding = server.memory();
        ProbeCall call = ProbeCall.start(config(), resources);
        ObjectNode callNode = call.finish();
        long sent = bytesSent.get();
        Thread.sleep(2_000);
        long sentLater = bytesSent.get();
        sockets.forEach(RawWebSocket::close);
        writers.shutdownNow();
        Thread.sleep(1_000);
        ServerProbe.Memory after = server.memory();
        ObjectNode node = JSON.createObjectNode().put("pingers", p).put("seconds", duration.toSeconds());
        node.put("mb_sent_per_pinger", mb(sent / p)).put("mb_sent_in_the_2_s_after", mb(sentLater - sent));
        node.put("heap_mb_holding_minus_before", mb(holding.heapBytes() - before.heapBytes()))
                .put("rss_mb_holding_minus_before", mb(holding.rssBytes() - before.rssBytes()))
                .put("heap_mb_after_minus_before", mb(after.heapBytes() - before.heapBytes()));
        node.set("call_meanwhile", callNode);
        return node;
    }

    private static void pingWithoutReading(RawWebSocket ws, SessionConfig config, AtomicLong bytesSent) {
        try {
            ws.sendText(AudioHookClient.openMessage(config));
            for (long seq = 2; ; seq++) {
                String ping = "{\"version\":\"2\",\"id\":\"" + config.sessionId() + "\",\"type\":\"ping\",\"seq\":" + seq
                        + ",\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}";
                ws.sendText(ping);
                bytesSent.addAndGet(ping.length());
            }
        } catch (IOException closed) {
            // the benchmark closed it
        }
    }

    /** F connections that each send 1000 WebSocket pings: pongs and time until the server's close. */
    private ObjectNode pingFloods(int f) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(f, 16));
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < f; i++) {
            SessionConfig config = config();
            results.add(threads.submit(() -> PingFlood.run(config, 1000)));
        }
        ProbeCall call = ProbeCall.start(config(), resources);
        long maxPongs = 0;
        long closed1008 = 0;
        long maxClosedMs = 0;
        for (Future<long[]> result : results) {
            long[] r = result.get(2, TimeUnit.MINUTES);
            maxPongs = Math.max(maxPongs, r[0]);
            closed1008 += r[1] == 1008 ? 1 : 0;
            maxClosedMs = Math.max(maxClosedMs, r[2]);
        }
        threads.shutdown();
        ObjectNode node = JSON.createObjectNode().put("flooders", f).put("pings_each", 1000);
        node.put("closed_1008", closed1008).put("max_pongs", maxPongs).put("max_ms_until_closed", maxClosedMs);
        node.set("call_meanwhile", call.finish());
        return node;
    }

    /** {@code --name value} pairs; uri, api-key, secret, pid, log, out and idle-timeout-s are required. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("uri", "api-key", "secret", "pid", "log", "out", "idle-timeout-s")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }

    private SessionConfig config() {
        return SessionConfig.call(uri).apiKey(apiKey).clientSecret(secret);
    }

    private long logLines(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0 * 100) / 100.0;
    }
}
