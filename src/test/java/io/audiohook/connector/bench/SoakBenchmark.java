package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak benchmark (bench/run-soak.sh starts Redis, the Dialogflow emulator and the connector as processes, then
 * runs this): {@code slots} session slots place consecutive calls of about {@code call-seconds} each for
 * {@code minutes} ({@link LoadClient} in churn mode), while every {@code sample-seconds} this samples the connector:
 * heap in use after a full GC, RSS, threads, open file descriptors, CPU, and its metrics (live sessions, dropped
 * audio, the conversation ledger). At the end: the least-squares slopes of heap, threads and descriptors over time
 * (after {@code warmup-minutes}, and over the second half), what a class histogram grew by from the end of the
 * warm-up to the end of the load, and one more sample once every call has ended. Writes {@code soak-<stamp>.json}
 * and {@code .md} ({@link SoakReport}). Exit code 1 when a call failed, the server violated the protocol or the
 * connector dropped audio.
 */
public final class SoakBenchmark {

    static final class Params extends BenchParams {
        int slots = 500;
        int callSeconds = 60;
        int minutes = 10;
        int sampleSeconds = 30;
        int warmupMinutes = 2;

        static Params parse(String[] args) {
            Params p = new Params();
            p.read(args);
            p.requireConnector(true);
            return p;
        }

        @Override
        boolean option(String name, String v) {
            switch (name) {
                case "--slots" -> slots = Integer.parseInt(v);
                case "--call-seconds" -> callSeconds = Integer.parseInt(v);
                case "--minutes" -> minutes = Integer.parseInt(v);
                case "--sample-seconds" -> sampleSeconds = Integer.parseInt(v);
                case "--warmup-minutes" -> warmupMinutes = Integer.parseInt(v);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** The connector's metrics each sample records, by the name it gets in the results (summed over labels). */
    static final Map<String, String> METRICS = Map.ofEntries(
            Map.entry("sessions_active", "audiohook_sessions_active"),
            Map.entry("streams_opened", "audiohook_assist_streams_opened_total"),
            Map.entry("dropped_frames", "audiohook_audio_dropped_frames_total"),
            Map.entry("dropped_bytes", "audiohook_audio_dropped_bytes_total"),
            Map.entry("publish_dropped", "audiohook_publish_dropped_total"),
            Map.entry("publish_failures", "audiohook_publish_failures_total"),
            Map.entry("outbox_conversations", "audiohook_publish_outbox_conversations"),
            Map.entry("assist_giveups", "audiohook_assist_giveups_total"),
            Map.entry("conversations_completed", "audiohook_conversations_completed_total"),
            Map.entry("completion_failures", "audiohook_conversations_completion_failures_total"),
            Map.entry("conversations_claimed", "audiohook_conversations_claimed_total"),
            Map.entry("ledger_failures", "audiohook_ledger_failures_total"),
            Map.entry("ledger_given_up", "audiohook_ledger_given_up_total"));

    public static void main(String[] args) throws Exception {
        BenchRun.widenCommonPool();
        Params p = Params.parse(args);
        ObjectNode result = new SoakBenchmark(p).run();
        BenchRun.finish(p, "soak", result, SoakReport::markdown, SoakReport.summary(result), SoakReport.passed(result));
    }

    private final Params p;
    private final long clkTck = ProcStats.clockTicks();
    private long lastTicks = -1;
    private long lastNanos;

    SoakBenchmark(Params p) {
        this.p = p;
    }

    ObjectNode run() throws Exception {
        ObjectNode result = LoadClient.JSON.createObjectNode();
        BenchRun.environment(result, p.connectorPid, p.notes);
        ObjectNode params = result.putObject("params");
        params.put("slots", p.slots);
        params.put("call_seconds", p.callSeconds);
        params.put("minutes", p.minutes);
        params.put("sample_seconds", p.sampleSeconds);
        params.put("warmup_minutes", p.warmupMinutes);

        result.set("baseline", sample(System.nanoTime(), "idle before"));
        ArrayNode samples = result.putArray("samples");
        Map<String, long[]> histogramAtWarmup = null;
        Map<String, long[]> histogramAtEnd;
        ObjectNode summary;
        try (ClientResources resources = ClientResources.create()) {
            LoadClient load = new LoadClient(LoadClient.Options.parse(loadArgs()), resources);
            long t0 = System.nanoTime();
            CompletableFuture<ObjectNode> done = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(new LoadClient.Window() {
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, "soak-load").start());
            long period = TimeUnit.SECONDS.toNanos(p.sampleSeconds);
            long loadEnd = t0 + TimeUnit.MINUTES.toNanos(p.minutes);
            for (long next = t0 + period; next <= loadEnd; next += period) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                if (histogramAtWarmup == null && next - t0 >= TimeUnit.MINUTES.toNanos(p.warmupMinutes)) {
                    histogramAtWarmup = Jcmd.classHistogram(p.connectorPid);
                }
                ObjectNode s = sample(t0, "load");
                samples.add(s);
                System.out.println("soak sample " + s);
            }
            histogramAtEnd = Jcmd.classHistogram(p.connectorPid); // the last calls still live
            summary = done.get(5, TimeUnit.MINUTES);
            Thread.sleep(10_000); // the last calls' summaries and completions
            result.set("after", sample(t0, "idle after"));
        }
        summary.remove("session_ids");
        result.set("load_client", summary);
        System.out.println(LoadClient.text(summary));
        result.set("slopes", SoakReport.slopes(samples, p.warmupMinutes));
        // what is left of the ramp (a backlog of events, say) drains in the first minutes: the second half alone
        result.set("slopes_second_half", SoakReport.slopes(samples, p.minutes / 2.0));
        result.set("class_histogram_growth", SoakReport.growth(histogramAtWarmup, histogramAtEnd, 15));
        return result;
    }

    /** The load lasts a little longer than the sampling, so that the last sample and histogram see it live. */
    private String[] loadArgs() {
        int ramp = Math.max(2, p.slots / 50);
        List<String> args = new ArrayList<>(List.of("--uri", p.uri.toString(), "--api-key", p.apiKey, "--secret",
                p.secret, "--sessions", Integer.toString(p.slots), "--ramp", Integer.toString(ramp),
                "--settle", "0", "--duration", Integer.toString(p.minutes * 60 - ramp + 20),
                "--call-seconds", Integer.toString(p.callSeconds)));
        if (p.desktopRedis != null) {
            args.addAll(List.of("--desktop-redis", p.desktopRedis));
        }
        args.addAll(p.loadArgs);
        return args.toArray(String[]::new);
    }

    /** The connector now: memory after a full GC, threads, descriptors, CPU since the last sample, its metrics. */
    private ObjectNode sample(long t0, String phase) {
        long heapKb = Jcmd.heapAfterGcKb(p.connectorPid);
        long now = System.nanoTime();
        long ticks = ProcStats.cpuTicks(p.connectorPid);
        ObjectNode s = LoadClient.JSON.createObjectNode();
        s.put("t_seconds", LoadClient.round((now - t0) / 1e9, 1));
        s.put("phase", phase);
        s.put("heap_after_gc_kb", heapKb);
        s.put("rss_kb", ProcStats.rssKb(p.connectorPid));
        s.put("threads", ProcStats.threads(p.connectorPid));
        s.put("fds", ProcStats.openFds(p.connectorPid));
        if (lastTicks >= 0 && ticks >= 0) {
            s.put("cpu_cores", LoadClient.round((ticks - lastTicks) * 1.0 / clkTck / ((now - lastNanos) / 1e9), 3));
        }
        lastTicks = ticks;
        lastNanos = now;
        Map<String, Double> metrics = Metrics.scrape(p.metrics);
        METRICS.forEach((name, series) -> s.put(name, Metrics.sum(metrics, series)));
        return s;
    }
}
