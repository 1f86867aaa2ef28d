package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.ClientResources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The capacity benchmark (bench/run-capacity-bench.sh starts Redis, the Dialogflow emulator and the connector, each
 * its own process, then runs this). For each step (a session count) it runs {@link LoadClient} and measures over
 * the steady window: the CPU of the connector, the emulator, Redis and this load client from {@code /proc}; the
 * connector's latency histograms from {@code /q/metrics} (bucket deltas over the window); heap after a full GC and
 * RSS with the sessions live; audio the connector dropped. Writes JSON, an SVG chart and a Markdown summary.
 */
public final class CapacityBenchmark {

    static final class Params extends BenchParams {
        URI emulatorMetrics;
        long emulatorPid = -1;
        long redisPid = -1;
        List<Integer> steps = List.of(100, 250, 500, 1000);
        int durationSeconds = 30;
        int settleSeconds = 10;
        int rampPerSecond = 50;
        int warmupSessions = 100;
        int warmupSeconds = 20;
        Path jfrDir;

        static Params parse(String[] args) {
            Params p = new Params();
            p.read(args);
            p.requireConnector(false);
            return p;
        }

        @Override
        boolean option(String name, String v) {
            switch (name) {
                case "--emulator-metrics" -> emulatorMetrics = URI.create(v);
                case "--emulator-pid" -> emulatorPid = Long.parseLong(v);
                case "--redis-pid" -> redisPid = Long.parseLong(v);
                case "--steps" -> steps = List.of(v.split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
                case "--duration" -> durationSeconds = Integer.parseInt(v);
                case "--settle" -> settleSeconds = Integer.parseInt(v);
                case "--ramp-rate" -> rampPerSecond = Integer.parseInt(v);
                case "--warmup-sessions" -> warmupSessions = Integer.parseInt(v);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(v);
                case "--jfr-dir" -> jfrDir = Path.of(v);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** The connector's Prometheus histograms the latencies are computed from (bucket deltas over the window). */
    static final List<String> AUDIO_TO_REQUEST = List.of("audiohook_assist_audio_to_request_seconds_bucket");
    static final List<String> RESPONSE_TO_EVENT = List.of("audiohook_assist_response_to_event_seconds_bucket");
    static final List<String> PUBLISH = List.of("audiohook_publish_latency_seconds_bucket");

    public static void main(String[] args) throws Exception {
        BenchRun.widenCommonPool();
        Params p = Params.parse(args);
        ObjectNode result = new CapacityBenchmark(p).run();
        Files.createDirectories(p.outDir);
        Path json = p.outDir.resolve("capacity-" + p.stamp + ".json");
        LoadClient.write(json, result);
        Path svg = p.outDir.resolve("capacity-" + p.stamp + ".svg");
        Files.writeString(svg, Chart.svg(result));
        Path md = p.outDir.resolve("capacity-" + p.stamp + ".md");
        Files.writeString(md, markdown(result, json.getFileName().toString(), svg.getFileName().toString()));
        System.out.println(table(result));
        System.out.println("written: " + json + ", " + svg + ", " + md);
        System.exit(0);
    }

    private final Params p;
    private final long clkTck = ProcStats.clockTicks();

    CapacityBenchmark(Params p) {
        this.p = p;
    }

    ObjectNode run() throws Exception {
        ObjectNode result = LoadClient.JSON.createObjectNode();
        ObjectNode env = BenchRun.environment(result, p.connectorPid, p.emulatorPid, p.notes);
        env.put("duration_seconds", p.durationSeconds);
        env.put("settle_seconds", p.settleSeconds);
        env.put("metric_source_audio_to_request", firstPresent(scrape(), AUDIO_TO_REQUEST));
        env.put("metric_source_publish", firstPresent(scrape(), PUBLISH));
        env.put("warmup", p.warmupSessions + " sessions for " + p.warmupSeconds + " s before the steps (JIT), not recorded");
        if (p.warmupSessions > 0 && p.warmupSeconds > 0) {
            try (ClientResources resources = ClientResources.create()) {
                System.out.println("warm-up: " + p.warmupSessions + " sessions, " + p.warmupSeconds + " s");
                List<String> args = new ArrayList<>(List.of("--uri", p.uri.toString(), "--api-key", p.apiKey, "--secret",
                        p.secret, "--sessions", Integer.toString(p.warmupSessions), "--ramp", "2", "--settle", "0",
                        "--duration", Integer.toString(p.warmupSeconds), "--quiet"));
                if (p.desktopRedis != null) {
                    args.addAll(List.of("--desktop-redis", p.desktopRedis));
                }
                new LoadClient(LoadClient.Options.parse(args.toArray(String[]::new)), resources).run(new LoadClient.Window() {
                });
            }
            Thread.sleep(3000);
        }
        Memory base = memory();
        ObjectNode baseline = result.putObject("baseline");
        baseline.put("rss_kb", base.rssKb);
        baseline.put("heap_after_gc_kb", base.heapKb);
        ArrayNode steps = result.putArray("steps");
        try (ClientResources resources = ClientResources.create()) {
            for (int n : p.steps) {
                steps.add(step(n, resources, base));
                Thread.sleep(3000); // let the closed sessions finish
            }
        }
        return result;
    }

    private ObjectNode step(int sessions, ClientResources resources, Memory base) throws Exception {
        List<String> args = new ArrayList<>(List.of("--uri", p.uri.toString(), "--api-key", p.apiKey, "--secret",
                p.secret, "--sessions", Integer.toString(sessions), "--ramp",
                Integer.toString(Math.max(2, sessions / p.rampPerSecond)), "--settle", Integer.toString(p.settleSeconds),
                "--duration", Integer.toString(p.durationSeconds)));
        if (p.desktopRedis != null) {
            args.addAll(List.of("--desktop-redis", p.desktopRedis));
        }
        args.addAll(p.loadArgs);
        LoadClient.Options options = LoadClient.Options.parse(args.toArray(String[]::new));
        Map<String, Double> before = scrape();
        Map<String, Double> emulatorBefore = scrape(p.emulatorMetrics);
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, Map<String, Double>> metrics = new HashMap<>();
        Memory[] live = new Memory[1];
        long[] wall = new long[2];
        ObjectNode summary = new LoadClient(options, resources).run(new LoadClient.Window() {
            @Override
            public void started() {
                metrics.put("start", scrape());
                wall[0] = System.nanoTime();
                cpuTicks(cpu, 0);
                jfr("start", sessions);
            }

            @Override
            public void ended() {
                cpuTicks(cpu, 1);
                wall[1] = System.nanoTime();
                metrics.put("end", scrape());
                jfr("stop", sessions);
                live[0] = memory();
            }
        });
        Thread.sleep(2000);
        Map<String, Double> after = scrape();
        Map<String, Double> emulatorAfter = scrape(p.emulatorMetrics);
        double window = (wall[1] - wall[0]) / 1e9;
        int streaming = summary.get("sessions_opened").asInt() - summary.get("sessions_failed").asInt();
        double callSeconds = Math.max(1e-9, streaming * window);

        ObjectNode step = LoadClient.JSON.createObjectNode();
        step.put("sessions", sessions);
        step.put("window_seconds", LoadClient.round(window, 2));
        step.put("call_seconds_in_window", LoadClient.round(callSeconds, 1));
        ObjectNode cpuNode = step.putObject("cpu_cores");
        cpu.forEach((name, t) -> cpuNode.put(name, LoadClient.round((t[1] - t[0]) * 1.0 / clkTck / window, 3)));
        ObjectNode perCall = step.putObject("cpu_ms_per_call_second");
        cpu.forEach((name, t) -> perCall.put(name, LoadClient.round((t[1] - t[0]) * 1000.0 / clkTck / callSeconds, 3)));
        step.put("connector_rss_kb", live[0].rssKb);
        step.put("connector_heap_after_gc_kb", live[0].heapKb);
        step.put("connector_rss_kb_per_session", LoadClient.round((live[0].rssKb - base.rssKb) * 1.0 / sessions, 1));
        step.put("connector_heap_kb_per_session", LoadClient.round((live[0].heapKb - base.heapKb) * 1.0 / sessions, 1));
        step.set("open_to_opened_ms", summary.get("open_to_opened_ms"));
        step.set("audio_to_request_ms", latency(metrics.get("start"), metrics.get("end"), AUDIO_TO_REQUEST));
        step.set("response_to_event_ms", latency(metrics.get("start"), metrics.get("end"), RESPONSE_TO_EVENT));
        step.set("response_to_publish_ms", latency(metrics.get("start"), metrics.get("end"), PUBLISH));
        step.put("connector_dropped_audio_frames", delta(before, after, "audiohook_audio_dropped_frames_total"));
        step.put("connector_dropped_audio_bytes", delta(before, after, "audiohook_audio_dropped_bytes_total"));
        step.put("publish_dropped", deltaPrefix(before, after, "audiohook_publish_dropped_total"));
        step.put("publish_failures", delta(before, after, "audiohook_publish_failures_total"));
        step.put("client_frames_skipped", summary.path("audio_frames_skipped_in_window").asLong(-1));
        step.put("sessions_failed", summary.get("sessions_failed").asInt());
        step.put("calls_transcribed_both_roles", summary.path("calls_transcribed_both_roles").asLong(-1));
        Map<String, Double> end = metrics.get("end");
        step.put("stream_channels", end.getOrDefault("audiohook_assist_channels", -1.0));
        step.put("busiest_channel_streams", end.getOrDefault("audiohook_assist_channels_busiest_streams", -1.0));
        step.put("streams_on_channels", end.getOrDefault("audiohook_assist_channels_streams", -1.0));
        double opened = delta(metrics.get("start"), end, "audiohook_assist_streams_opened_total");
        step.put("streams_opened_in_window", opened);
        step.put("streams_per_participant_minute", LoadClient.round(opened / Math.max(1e-9, 2 * callSeconds / 60), 3));
        step.put("stream_stalls", delta(before, after, "audiohook_assist_stream_stalls_total"));
        step.put("emulator_refusals", deltaPrefix(emulatorBefore, emulatorAfter, "dialogflow_emulator_refusals_total"));
        step.set("pong_rtt_ms", summary.get("pong_rtt_ms"));
        step.set("load_client", summary);
        System.out.println(LoadClient.text(summary));
        System.out.println("step " + sessions + ": " + step.get("cpu_ms_per_call_second") + " audio->request "
                + step.get("audio_to_request_ms") + " response->publish " + step.get("response_to_publish_ms"));
        return step;
    }

    // ------------------------------------------------------------------ CPU, memory, profiles

    private void cpuTicks(Map<String, double[]> into, int slot) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("connector", p.connectorPid);
        pids.put("emulator", p.emulatorPid);
        pids.put("redis", p.redisPid);
        pids.put("load_client", ProcessHandle.current().pid());
        pids.forEach((name, pid) -> {
            if (pid > 0) {
                into.computeIfAbsent(name, k -> new double[2])[slot] = ProcStats.cpuTicks(pid);
            }
        });
        long[] machine = ProcStats.machineTicks();
        into.computeIfAbsent("machine_busy", k -> new double[2])[slot] = machine == null ? -1 : machine[0];
    }

    record Memory(long rssKb, long heapKb) {
    }

    /** Full GC in the connector, then its used heap and RSS. */
    private Memory memory() {
        if (p.connectorPid <= 0) {
            return new Memory(-1, -1);
        }
        long heap = Jcmd.heapAfterGcKb(p.connectorPid);
        return new Memory(ProcStats.rssKb(p.connectorPid), heap);
    }

    private void jfr(String what, int sessions) {
        if (p.jfrDir == null) {
            return;
        }
        String name = "step" + sessions;
        if (what.equals("start")) {
            Jcmd.run(p.connectorPid, "JFR.start", "name=" + name, "settings=profile",
                    "filename=" + p.jfrDir.toAbsolutePath().resolve("connector-" + p.stamp + "-" + sessions + ".jfr"));
        } else {
            Jcmd.run(p.connectorPid, "JFR.stop", "name=" + name);
        }
    }

    // ------------------------------------------------------------------ metrics

    private Map<String, Double> scrape() {
        return scrape(p.metrics);
    }

    private Map<String, Double> scrape(URI uri) {
        return Metrics.scrape(uri);
    }

    static String firstPresent(Map<String, Double> metrics, List<String> names) {
        for (String name : names) {
            if (!Metrics.buckets(metrics, name).isEmpty()) {
                return name;
            }
        }
        return null;
    }

    static ObjectNode latency(Map<String, Double> start, Map<String, Double> end, List<String> names) {
        ObjectNode node = LoadClient.JSON.createObjectNode();
        String name = firstPresent(end, names);
        if (name == null) {
            node.put("source", "missing");
            return node;
        }
        TreeMap<Double, Double> delta = Metrics.delta(Metrics.buckets(start, name), Metrics.buckets(end, name));
        node.put("source", name);
        node.put("count", delta.isEmpty() ? 0 : delta.lastEntry().getValue().longValue());
        node.put("p50", LoadClient.round(Metrics.quantile(delta, 0.5) * 1000, 3));
        node.put("p99", LoadClient.round(Metrics.quantile(delta, 0.99) * 1000, 3));
        return node;
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    }

    static double deltaPrefix(Map<String, Double> before, Map<String, Double> after, String prefix) {
        double sum = 0;
        for (var e : after.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------ output

    static String table(ObjectNode result) {
        StringBuilder t = new StringBuilder();
        t.append("| sessions | connector CPU ms / call-s | RSS KB / session | heap KB / session | opened p50 / p99 ms"
                + " | audio→request p50 / p99 ms | response→PUBLISH p50 / p99 ms | dropped frames (connector / client skipped)"
                + " | failed | transcribed (both roles) | stream channels / busiest | streams per participant-minute"
                + " | emulator / load client / redis CPU cores | connector cores | other processes cores |\n");
        t.append("|---:|---:|---:|---:|---|---|---|---|---:|---:|---|---:|---|---:|---:|\n");
        for (JsonNode s : result.get("steps")) {
            JsonNode cpu = s.get("cpu_ms_per_call_second");
            JsonNode cores = s.get("cpu_cores");
            double other = cores.path("machine_busy").asDouble() - cores.path("connector").asDouble()
                    - cores.path("emulator").asDouble() - cores.path("load_client").asDouble() - cores.path("redis").asDouble();
            t.append(String.format(Locale.ROOT, "| %d | %.3f | %.1f | %.1f | %.2f / %.2f | %s | %s | %.0f / %d | %d | %d | %.0f / %.0f | %.2f | %.2f / %.2f / %.2f | %.2f | %.2f |%n",
                    s.get("sessions").asInt(), cpu.path("connector").asDouble(), s.get("connector_rss_kb_per_session").asDouble(),
                    s.get("connector_heap_kb_per_session").asDouble(), s.get("open_to_opened_ms").path("p50").asDouble(),
                    s.get("open_to_opened_ms").path("p99").asDouble(), pair(s.get("audio_to_request_ms")),
                    pair(s.get("response_to_publish_ms")), s.get("connector_dropped_audio_frames").asDouble(),
                    s.get("client_frames_skipped").asLong(), s.get("sessions_failed").asInt(),
                    s.path("calls_transcribed_both_roles").asLong(-1), s.path("stream_channels").asDouble(-1),
                    s.path("busiest_channel_streams").asDouble(-1), s.path("streams_per_participant_minute").asDouble(-1),
                    cores.path("emulator").asDouble(), cores.path("load_client").asDouble(), cores.path("redis").asDouble(),
                    cores.path("connector").asDouble(), Math.max(0, other)));
        }
        return t.toString();
    }

    private static String pair(JsonNode n) {
        if (n == null || !n.has("p50")) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f", n.get("p50").asDouble(), n.get("p99").asDouble());
    }

    static String markdown(ObjectNode result, String json, String svg) {
        JsonNode env = result.get("environment");
        return "# Capacity benchmark " + env.get("date").asText() + "\n\n"
                + "Made by `bench/run-capacity-bench.sh` (see `bench/README.md`). Raw numbers: [`" + json + "`](" + json
                + "), chart: [`" + svg + "`](" + svg + ").\n\n"
                + "Connector: `" + env.path("connector_cmdline").asText() + "`. Window " + env.get("duration_seconds").asInt()
                + " s after ramp and " + env.get("settle_seconds").asInt() + " s settle; nproc "
                + env.get("nproc").asInt() + ". Latency metrics read from `" + env.path("metric_source_audio_to_request").asText()
                + "` and `" + env.path("metric_source_publish").asText() + "` (bucket deltas over the window, linear"
                + " interpolation inside a bucket). The load client, the emulator and Redis share the machine's cores with"
                + " the connector; their CPU is in the last columns.\n\n"
                + table(result) + "\n" + (env.path("notes").asText().isEmpty() ? "" : env.get("notes").asText() + "\n")
                + "\n![chart](" + svg + ")\n";
    }
}
