package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The steady part of a call cost round: from {@link #MARGIN_SECONDS} after the ramp (every call streaming) until
 * that long before the first call ends. Over it, the connector's CPU per live call-second (the figure the issue's
 * steady-cost target is about, without the calls' starts and ends) and the latencies of the data path from the
 * connector's histograms: audio frame received → request written, Dialogflow response → Redis PUBLISH acknowledged.
 * Rounds too short to have such a window (under {@link #MIN_SECONDS} of it) get none.
 */
final class SteadyWindow {
    static final int MARGIN_SECONDS = 2;
    static final int MIN_SECONDS = 5;
    static final String LIVE = "audiohook_sessions_active";

    private record Snapshot(long nanos, long cpuTicks, Map<String, Double> metrics) {
    }

    private final long connectorPid;
    private final URI metrics;
    private volatile Snapshot start;
    private volatile Snapshot end;

    private SteadyWindow(long connectorPid, URI metrics) {
        this.connectorPid = connectorPid;
        this.metrics = metrics;
    }

    /** Schedules the window's two readings on {@code timer}, relative to now (the round's start); none if too short. */
    static SteadyWindow schedule(ScheduledExecutorService timer, long connectorPid, URI metrics, int rampSeconds,
            int callSeconds) {
        SteadyWindow w = new SteadyWindow(connectorPid, metrics);
        int from = rampSeconds + MARGIN_SECONDS;
        int to = callSeconds - MARGIN_SECONDS; // the first call, started at 0, ends at callSeconds
        if (to - from >= MIN_SECONDS) {
            timer.schedule(() -> w.start = w.read(), from, TimeUnit.SECONDS);
            timer.schedule(() -> w.end = w.read(), to, TimeUnit.SECONDS);
        }
        return w;
    }

    private Snapshot read() {
        return new Snapshot(System.nanoTime(), ProcStats.cpuTicks(connectorPid), Metrics.scrape(metrics));
    }

    /** The window's figures into {@code round} as "steady"; nothing if the round had no window. */
    void report(ObjectNode round, long clockTicksPerSecond) {
        Snapshot s = start;
        Snapshot e = end;
        if (s == null || e == null) {
            return;
        }
        double seconds = (e.nanos - s.nanos) / 1e9;
        double live = (Metrics.sum(s.metrics, LIVE) + Metrics.sum(e.metrics, LIVE)) / 2;
        double cpuMs = (e.cpuTicks - s.cpuTicks) * 1000.0 / clockTicksPerSecond;
        ObjectNode w = round.putObject("steady");
        w.put("seconds", LoadClient.round(seconds, 2));
        w.put("live_calls", live);
        w.put("connector_ms_per_call_second", LoadClient.round(cpuMs / Math.max(1, live) / seconds, 4));
        w.set("audio_to_request_ms", CapacityBenchmark.latency(s.metrics, e.metrics, CapacityBenchmark.AUDIO_TO_REQUEST));
        w.set("response_to_publish_ms", CapacityBenchmark.latency(s.metrics, e.metrics, CapacityBenchmark.PUBLISH));
        // where a publish waits: for a pooled Redis connection, then for the command's answer (Quarkus' metrics)
        w.put("redis_pool_wait_ms_mean", meanMs(s.metrics, e.metrics, "redis_pool_queue_delay_seconds"));
        w.put("redis_command_ms_mean", meanMs(s.metrics, e.metrics, "redis_commands_duration_seconds"));
    }

    /** The mean of a timer over the window, from its {@code _sum} and {@code _count}; -1 without any. */
    private static double meanMs(Map<String, Double> start, Map<String, Double> end, String timer) {
        double count = Metrics.sum(end, timer + "_count") - Metrics.sum(start, timer + "_count");
        double sum = Metrics.sum(end, timer + "_sum") - Metrics.sum(start, timer + "_sum");
        return count <= 0 ? -1 : LoadClient.round(sum / count * 1000, 3);
    }
}
