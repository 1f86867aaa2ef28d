package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.ClientResources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One round of the call cost benchmark: {@code calls} calls of {@code seconds} each, started over the ramp, each
 * streaming real-time speech ({@link LoadClient} with one call per slot, no jitter) and ended with
 * {@code close}/{@code end}. The span measured runs from just before the first upgrade until every call is closed
 * and the connector has completed every conversation that ended with {@code close}
 * ({@code audiohook_conversations_completed_total} risen by that many, bounded wait). Over it: the CPU of the
 * connector (by thread group), the emulator, Redis and this client; calls failed; audio dropped; with JFR, the
 * connector's CPU samples by phase; with the heap option, the heap after a full GC per live call at mid-round.
 */
final class CallRound {
    static final String COMPLETED = "audiohook_conversations_completed_total";
    /** The connector's drop counters, by the name they get in the results (summed over labels). */
    static final Map<String, String> DROPS = Map.of(
            "protocol_frames", "audiohook_audio_dropped_frames_total",
            "protocol_bytes", "audiohook_audio_dropped_bytes_total",
            "protocol_seconds", "audiohook_audio_dropped_seconds_total",
            "assist_seconds", "audiohook_assist_audio_dropped_seconds_total",
            "publish_events", "audiohook_publish_dropped_total");

    private final CallCostBenchmark.Params p;
    private final ClientResources resources;
    private final long clkTck = ProcStats.clockTicks();

    CallRound(CallCostBenchmark.Params p, ClientResources resources) {
        this.p = p;
        this.resources = resources;
    }

    /**
     * Runs a round; {@code name} names its JFR file. Null for the warm-up: no heap reading, and with JFR a recording
     * that is dropped.
     */
    ObjectNode run(int calls, int seconds, String name) throws Exception {
        int ramp = Math.max(1, (int) Math.ceil(calls / (double) p.rampPerSecond));
        boolean measured = name != null;
        long heapBefore = measured && p.heap ? Jcmd.heapAfterGcKb(p.connectorPid) : -1;
        Path jfr = measured && p.jfrDir != null ? p.jfrDir.toAbsolutePath().resolve("call-cost-" + p.stamp + "-" + name + ".jfr") : null;
        if (jfr != null) { // started before the span and stopped after it: jcmd's own work is not in it
            Jcmd.run(p.connectorPid, "JFR.start", "name=" + name, "settings=profile", "filename=" + jfr);
        } else if (p.jfrDir != null) {
            // the warm-up is recorded too, and the recording dropped: JFR's first start instruments classes, and the
            // JIT compiles them again, which would otherwise weigh on the first measured round
            Jcmd.run(p.connectorPid, "JFR.start", "name=warmup", "settings=profile");
        }
        Map<String, Double> before = Metrics.scrape(p.metrics);
        Map<String, Long> ticks0 = processTicks();
        Map<Long, ProcStats.ThreadTicks> threads0 = ProcStats.threadsById(p.connectorPid);
        Instant from = Instant.now();
        long t0 = System.nanoTime();

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        SteadyWindow steady = measured ? SteadyWindow.schedule(timer, p.connectorPid, p.metrics, ramp, seconds) : null;
        long[] heapAtMid = {-1, -1}; // heap KB, live sessions
        if (heapBefore >= 0) { // mid-round: every call live when the calls outlast the ramp
            timer.schedule(() -> {
                heapAtMid[1] = (long) Metrics.sum(Metrics.scrape(p.metrics), "audiohook_sessions_active");
                heapAtMid[0] = Jcmd.heapAfterGcKb(p.connectorPid);
            }, (ramp + seconds) * 500L, TimeUnit.MILLISECONDS);
        }
        ObjectNode load = new LoadClient(LoadClient.Options.parse(loadArgs(calls, seconds, ramp, measured)), resources)
                .run(new LoadClient.Window() {
                });
        timer.shutdown();
        timer.awaitTermination(1, TimeUnit.MINUTES);
        int closed = load.path("calls_completed").asInt();
        double completed = awaitCompletions(closed, Metrics.sum(before, COMPLETED));
        double span = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> ticks1 = processTicks();
        Map<Long, ProcStats.ThreadTicks> threads1 = ProcStats.threadsById(p.connectorPid);
        Instant to = Instant.now();
        if (p.jfrDir != null) {
            Jcmd.run(p.connectorPid, "JFR.stop", "name=" + (jfr != null ? name : "warmup"));
        }
        Map<String, Double> after = Metrics.scrape(p.metrics);

        ObjectNode r = LoadClient.JSON.createObjectNode();
        r.put("calls", calls);
        r.put("seconds", seconds);
        r.put("ramp_seconds", ramp);
        r.put("span_seconds", LoadClient.round(span, 2));
        r.put("calls_failed", load.path("sessions_failed").asInt());
        r.put("calls_closed", closed);
        r.put("conversations_completed", completed);
        r.put("completion_wait_timed_out", completed < closed);
        ObjectNode cpuMs = r.putObject("cpu_ms");
        ticks0.forEach((proc, t) -> cpuMs.put(proc, LoadClient.round(ms(ticks1.get(proc) - t), 1)));
        double connectorMs = cpuMs.get("connector").asDouble();
        r.put("connector_ms_per_call", LoadClient.round(connectorMs / calls, 3));
        r.put("connector_ms_per_call_second", LoadClient.round(connectorMs / ((double) calls * seconds), 4));
        // mostly the loopback TCP stack, which runs in the sender's system calls
        r.put("connector_system_cpu_percent", LoadClient.round(cpuMs.get("connector_system").asDouble() * 100
                / Math.max(1e-9, connectorMs), 1));
        ObjectNode perCall = r.putObject("ms_per_call");
        for (String proc : List.of("connector", "emulator", "redis", "load_client")) {
            perCall.put(proc, LoadClient.round(cpuMs.get(proc).asDouble() / calls, 3));
        }
        double others = cpuMs.get("machine_busy").asDouble() - connectorMs - cpuMs.get("emulator").asDouble()
                - cpuMs.get("redis").asDouble() - cpuMs.get("load_client").asDouble();
        r.put("other_processes_cores", LoadClient.round(Math.max(0, others) / 1000 / span, 3));
        ObjectNode groups = r.putObject("connector_ms_per_call_by_thread_group");
        double notSampledMs = 0;
        for (var e : ThreadGroups.delta(threads0, threads1, ticks1.get("connector") - ticks0.get("connector")).entrySet()) {
            groups.put(e.getKey(), LoadClient.round(ms(e.getValue()) / calls, 3));
            notSampledMs += ThreadGroups.NOT_SAMPLED.contains(e.getKey()) ? ms(e.getValue()) : 0;
        }
        r.put("connector_java_threads_cpu_ms", LoadClient.round(connectorMs - notSampledMs, 1));
        if (steady != null) {
            steady.report(r, clkTck);
        }
        ObjectNode drops = r.putObject("dropped");
        DROPS.forEach((key, series) -> drops.put(key, Metrics.sum(after, series) - Metrics.sum(before, series)));
        if (heapBefore >= 0) {
            ObjectNode heap = r.putObject("heap");
            heap.put("after_gc_kb_before_round", heapBefore);
            heap.put("after_gc_kb_mid_round", heapAtMid[0]);
            heap.put("live_calls_mid_round", heapAtMid[1]);
            heap.put("kb_per_live_call", heapAtMid[1] <= 0 || heapAtMid[0] < 0 ? -1
                    : LoadClient.round((heapAtMid[0] - heapBefore) * 1.0 / heapAtMid[1], 1));
        }
        if (jfr != null) {
            r.put("jfr_file", jfr.getFileName().toString());
            ObjectNode profile = LoadClient.JSON.valueToTree(JfrPhases.summary(JfrPhases.read(jfr, from, to), calls,
                    connectorMs - notSampledMs, 15));
            profile.put("not_sampled_ms_per_call", LoadClient.round(notSampledMs / calls, 3));
            r.set("profile", profile);
        }
        load.remove("session_ids");
        r.set("load_client", load);
        return r;
    }

    /** Waits (bounded) until the connector has completed {@code closed} more conversations; how many it completed. */
    private double awaitCompletions(int closed, double completedBefore) throws InterruptedException {
        double completed = 0;
        long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(p.completionTimeoutSeconds);
        while (completed < closed && System.nanoTime() < waitEnd) {
            Thread.sleep(500); // each scrape costs the connector a little CPU
            completed = Metrics.sum(Metrics.scrape(p.metrics), COMPLETED) - completedBefore;
        }
        return completed;
    }

    private String[] loadArgs(int calls, int seconds, int ramp, boolean measured) {
        // the window starts once every call is open and outlasts the last call: the calls end themselves
        List<String> args = new ArrayList<>(List.of("--uri", p.uri.toString(), "--api-key", p.apiKey, "--secret",
                p.secret, "--sessions", Integer.toString(calls), "--ramp", Integer.toString(ramp), "--settle", "0",
                "--duration", Integer.toString(seconds + 1), "--call-seconds", Integer.toString(seconds),
                "--call-jitter", "0", "--one-call"));
        if (!measured) {
            args.add("--quiet");
        }
        if (p.desktopRedis != null) {
            args.addAll(List.of("--desktop-redis", p.desktopRedis));
        }
        args.addAll(p.loadArgs);
        return args.toArray(String[]::new);
    }

    private Map<String, Long> processTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("connector", ProcStats.cpuTicks(p.connectorPid));
        ticks.put("connector_system", ProcStats.systemTicks(p.connectorPid));
        ticks.put("emulator", ProcStats.cpuTicks(p.emulatorPid));
        ticks.put("redis", ProcStats.cpuTicks(p.redisPid));
        ticks.put("load_client", ProcStats.cpuTicks(ProcessHandle.current().pid()));
        long[] machine = ProcStats.machineTicks();
        ticks.put("machine_busy", machine == null ? -1 : machine[0]);
        return ticks;
    }

    private double ms(long ticks) {
        return ticks * 1000.0 / clkTck;
    }
}
