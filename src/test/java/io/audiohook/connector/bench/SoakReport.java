package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak benchmark's figures from its samples (slopes, class histogram growth) and its Markdown and text. */
final class SoakReport {
    private SoakReport() {
    }

    /** Least-squares slope of y over x; NaN with fewer than two points or no spread in x. */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** Per minute, over the samples under load from {@code fromMinute} on: heap (MB), RSS (MB), threads, descriptors. */
    static ObjectNode slopes(JsonNode samples, double fromMinute) {
        List<JsonNode> used = new ArrayList<>();
        samples.forEach(s -> {
            if (s.get("t_seconds").asDouble() >= fromMinute * 60.0) {
                used.add(s);
            }
        });
        double[] minutes = used.stream().mapToDouble(s -> s.get("t_seconds").asDouble() / 60).toArray();
        ObjectNode node = LoadClient.JSON.createObjectNode();
        node.put("samples_used", used.size());
        node.put("from_minute", fromMinute);
        node.put("heap_mb_per_minute", LoadClient.round(slope(minutes, values(used, "heap_after_gc_kb", 1024)), 3));
        node.put("rss_mb_per_minute", LoadClient.round(slope(minutes, values(used, "rss_kb", 1024)), 3));
        node.put("threads_per_minute", LoadClient.round(slope(minutes, values(used, "threads", 1)), 3));
        node.put("fds_per_minute", LoadClient.round(slope(minutes, values(used, "fds", 1)), 3));
        return node;
    }

    private static double[] values(List<JsonNode> samples, String field, double divisor) {
        return samples.stream().mapToDouble(s -> s.get(field).asDouble() / divisor).toArray();
    }

    /** The classes whose live bytes grew most from {@code before} to {@code after}; empty when either is missing. */
    static ArrayNode growth(Map<String, long[]> before, Map<String, long[]> after, int top) {
        ArrayNode node = LoadClient.JSON.createArrayNode();
        if (before == null || after == null || before.isEmpty() || after.isEmpty()) {
            return node;
        }
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(top)
                .forEach(e -> {
                    ObjectNode c = node.addObject();
                    c.put("class", e.getKey());
                    c.put("instances", e.getValue()[0]);
                    c.put("bytes", e.getValue()[1]);
                });
        return node;
    }

    /** No call failed, no protocol violation, no audio dropped by the connector. */
    static boolean passed(JsonNode result) {
        JsonNode load = result.get("load_client");
        JsonNode after = result.get("after");
        return load.get("sessions_failed").asInt() == 0 && load.get("client_violations").asInt() == 0
                && after.get("dropped_frames").asDouble() == 0 && after.get("publish_dropped").asDouble() == 0;
    }

    static String summary(JsonNode r) {
        JsonNode slopes = r.get("slopes");
        JsonNode secondHalf = r.get("slopes_second_half");
        JsonNode load = r.get("load_client");
        JsonNode base = r.get("baseline");
        JsonNode after = r.get("after");
        JsonNode samples = r.get("samples");
        JsonNode first = samples.get(0);
        JsonNode last = samples.get(samples.size() - 1);
        return String.format(Locale.ROOT, """
                === soak: %d slots, calls of %d s ± 20 %%, %d min ===
                calls             %d opened, %d completed, %d failed; %d protocol violations
                heap after GC     %.2f MB/min from minute %.0f (%d samples), %.2f MB/min from minute %.0f; idle %.1f MB before, %.1f MB after
                threads           %d -> %d under load, %.2f/min; idle %d before, %d after
                file descriptors  %d -> %d under load, %.2f/min; idle %d before, %d after
                RSS               %.0f -> %.0f MB under load, %.2f MB/min
                dropped           %.0f audio frames, %.0f publish; ledger failures %.0f, given up %.0f
                conversations     %.0f completed, %.0f completion failures, %.0f claimed after their grace
                """,
                r.get("params").get("slots").asInt(), r.get("params").get("call_seconds").asInt(),
                r.get("params").get("minutes").asInt(), load.get("sessions_opened").asInt(),
                load.path("calls_completed").asInt(), load.path("calls_failed").asInt(),
                load.get("client_violations").asInt(), slopes.get("heap_mb_per_minute").asDouble(),
                slopes.get("from_minute").asDouble(), slopes.get("samples_used").asInt(),
                secondHalf.get("heap_mb_per_minute").asDouble(), secondHalf.get("from_minute").asDouble(),
                base.get("heap_after_gc_kb").asDouble() / 1024, after.get("heap_after_gc_kb").asDouble() / 1024,
                first.get("threads").asInt(), last.get("threads").asInt(), slopes.get("threads_per_minute").asDouble(),
                base.get("threads").asInt(), after.get("threads").asInt(), first.get("fds").asInt(),
                last.get("fds").asInt(), slopes.get("fds_per_minute").asDouble(), base.get("fds").asInt(),
                after.get("fds").asInt(), first.get("rss_kb").asDouble() / 1024, last.get("rss_kb").asDouble() / 1024,
                slopes.get("rss_mb_per_minute").asDouble(), after.get("dropped_frames").asDouble(),
                after.get("publish_dropped").asDouble(), after.get("ledger_failures").asDouble(),
                after.get("ledger_given_up").asDouble(), after.get("conversations_completed").asDouble(),
                after.get("completion_failures").asDouble(), after.get("conversations_claimed").asDouble());
    }

    static String markdown(JsonNode r, String json) {
        StringBuilder md = new StringBuilder();
        JsonNode env = r.get("environment");
        md.append("# Soak ").append(env.get("date").asText()).append("\n\n");
        md.append("Made by `bench/run-soak.sh` (see `bench/README.md`). Raw numbers: [`").append(json).append("`](")
                .append(json).append("). Connector: `").append(env.path("connector_cmdline").asText())
                .append("`; nproc ").append(env.get("nproc").asInt()).append(". ").append(env.path("notes").asText())
                .append("\n\n```\n").append(summary(r)).append("```\n\n");
        md.append("Samples (every ").append(r.get("params").get("sample_seconds").asInt())
                .append(" s; heap in use right after a full GC; CPU since the previous sample):\n\n");
        md.append("| t (min) | phase | heap after GC (MB) | RSS (MB) | threads | fds | connector CPU (cores) | live sessions"
                + " | streams opened | conversations completed | dropped frames | ledger failures |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<JsonNode> rows = new ArrayList<>();
        rows.add(r.get("baseline"));
        r.get("samples").forEach(rows::add);
        rows.add(r.get("after"));
        for (JsonNode s : rows) {
            md.append(String.format(Locale.ROOT, "| %.1f | %s | %.1f | %.0f | %d | %d | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                    s.get("t_seconds").asDouble() / 60, s.get("phase").asText(), s.get("heap_after_gc_kb").asDouble() / 1024,
                    s.get("rss_kb").asDouble() / 1024, s.get("threads").asInt(), s.get("fds").asInt(),
                    s.has("cpu_cores") ? String.format(Locale.ROOT, "%.2f", s.get("cpu_cores").asDouble()) : "",
                    s.get("sessions_active").asDouble(), s.get("streams_opened").asDouble(),
                    s.get("conversations_completed").asDouble(), s.get("dropped_frames").asDouble(),
                    s.get("ledger_failures").asDouble()));
        }
        JsonNode growth = r.get("class_histogram_growth");
        if (growth != null && !growth.isEmpty()) {
            md.append("\nLive objects that grew most from the end of the warm-up to the end of the load"
                    + " (`jcmd GC.class_histogram`, calls live at both):\n\n| class | instances | bytes |\n|---|---:|---:|\n");
            growth.forEach(c -> md.append(String.format(Locale.ROOT, "| `%s` | %+d | %+d |%n", c.get("class").asText(),
                    c.get("instances").asLong(), c.get("bytes").asLong())));
        }
        return md.toString();
    }
}
