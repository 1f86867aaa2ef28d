package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The call cost benchmark's results as Markdown and as text, and whether the run passed. */
final class CallCostReport {
    private CallCostReport() {
    }

    /** Nothing failed: every call closed, no protocol violation, nothing dropped, every completion came. */
    static boolean passed(JsonNode result) {
        for (JsonNode r : result.get("rounds")) {
            double dropped = 0;
            for (JsonNode d : r.get("dropped")) {
                dropped += d.asDouble();
            }
            if (r.get("calls_failed").asInt() > 0 || r.path("load_client").path("client_violations").asInt() > 0
                    || dropped > 0 || r.get("completion_wait_timed_out").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    static String roundLine(JsonNode r) {
        JsonNode perCall = r.get("ms_per_call");
        return String.format(Locale.ROOT, "%dx%d: connector %.2f ms per call, %.3f ms per call-second (span %.1f s);"
                        + " emulator %.2f, Redis %.2f, load client %.2f ms per call; %d failed, %.0f completed%s",
                r.get("calls").asInt(), r.get("seconds").asInt(), r.get("connector_ms_per_call").asDouble(),
                r.get("connector_ms_per_call_second").asDouble(), r.get("span_seconds").asDouble(),
                perCall.get("emulator").asDouble(), perCall.get("redis").asDouble(), perCall.get("load_client").asDouble(),
                r.get("calls_failed").asInt(), r.get("conversations_completed").asDouble(),
                r.get("completion_wait_timed_out").asBoolean() ? " (completion wait timed out)" : "")
                + (r.has("steady") ? String.format(Locale.ROOT, "; steady %.3f ms per call-second, p99 audio→request"
                        + " %.2f ms, response→PUBLISH %.2f ms", r.get("steady").get("connector_ms_per_call_second")
                        .asDouble(), r.get("steady").get("audio_to_request_ms").path("p99").asDouble(),
                        r.get("steady").get("response_to_publish_ms").path("p99").asDouble()) : "");
    }

    static String text(JsonNode result) {
        StringBuilder t = new StringBuilder("=== call cost ===\n");
        result.get("rounds").forEach(r -> t.append(roundLine(r)).append('\n'));
        t.append(fixedCost(result));
        result.get("rounds").forEach(r -> {
            if (r.has("profile")) {
                t.append("\nphases of ").append(r.get("calls").asInt()).append('x').append(r.get("seconds").asInt())
                        .append(":\n").append(phaseTable(r.get("profile")));
            }
        });
        return t.toString();
    }

    static String markdown(JsonNode result, String json) {
        JsonNode env = result.get("environment");
        JsonNode params = result.get("params");
        StringBuilder md = new StringBuilder();
        md.append("# Call cost ").append(env.get("date").asText()).append("\n\n");
        md.append("Made by `bench/run-call-cost.sh` (see `bench/README.md`). Raw numbers: [`").append(json).append("`](")
                .append(json).append(").\n\n");
        md.append(String.format(Locale.ROOT, "Rounds %s after a warm-up round of %s (not measured); calls start at %d per"
                        + " second; each streams real-time speech and ends with `close`/`end`. A round's span runs from"
                        + " the first upgrade until every conversation is completed. Idle connector: %.2f ms CPU per"
                        + " second. nproc %d, Java %s (connector: %s). Connector: `%s`.%s%n%n",
                params.get("rounds").asText(), params.get("warmup").asText(), params.get("ramp_calls_per_second").asInt(),
                result.get("idle_connector_ms_per_second").asDouble(), env.get("nproc").asInt(),
                env.get("java_version").asText(), env.path("connector_java").asText("?"),
                env.path("connector_cmdline").asText(),
                env.path("notes").asText().isEmpty() ? "" : " " + env.get("notes").asText()));
        if (params.get("heap").asBoolean()) {
            md.append("With `--heap`: each round's CPU includes the full GC of the mid-round heap reading.\n\n");
        }
        if (params.get("jfr").asBoolean()) {
            md.append("With `--jfr`: a JFR recording (`settings=profile`) ran over each round; it costs CPU, so compare"
                    + " these figures with runs that also profiled.\n\n");
        }
        md.append("| round | failed | span s | connector CPU ms | ms per call | ms per call-second | of it system %"
                + " | emulator / Redis / load client ms per call | completed | dropped (frames / s assist / events)"
                + " | heap KB per live call | other processes cores |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|\n");
        for (JsonNode r : result.get("rounds")) {
            JsonNode pc = r.get("ms_per_call");
            JsonNode d = r.get("dropped");
            md.append(String.format(Locale.ROOT, "| %dx%d | %d | %.1f | %.0f | %.2f | %.3f | %.0f | %.2f / %.2f / %.2f"
                            + " | %.0f%s | %.0f / %.1f / %.0f | %s | %.2f |%n",
                    r.get("calls").asInt(), r.get("seconds").asInt(), r.get("calls_failed").asInt(),
                    r.get("span_seconds").asDouble(), r.get("cpu_ms").get("connector").asDouble(),
                    r.get("connector_ms_per_call").asDouble(), r.get("connector_ms_per_call_second").asDouble(),
                    r.get("connector_system_cpu_percent").asDouble(),
                    pc.get("emulator").asDouble(), pc.get("redis").asDouble(), pc.get("load_client").asDouble(),
                    r.get("conversations_completed").asDouble(), r.get("completion_wait_timed_out").asBoolean() ? " (timed out)" : "",
                    d.get("protocol_frames").asDouble(), d.get("assist_seconds").asDouble(), d.get("publish_events").asDouble(),
                    r.has("heap") ? String.format(Locale.ROOT, "%.1f", r.get("heap").get("kb_per_live_call").asDouble()) : "–",
                    r.get("other_processes_cores").asDouble()));
        }
        md.append("\n\"of it system\": the connector's CPU in the kernel (system calls; on localhost the peer's TCP receive"
                + " path runs in the sender's calls).\n\n").append(steady(result)).append(threadGroups(result)).append("\n")
                .append(fixedCost(result));
        for (JsonNode r : result.get("rounds")) {
            if (r.has("profile")) {
                md.append(String.format(Locale.ROOT, "%n## Phases of %dx%d (JFR `%s`)%n%n", r.get("calls").asInt(),
                        r.get("seconds").asInt(), r.get("jfr_file").asText()));
                md.append(phaseTable(r.get("profile")));
                md.append(topFrames(r.get("profile")));
            }
        }
        return md.toString();
    }

    /** Each round's steady window ({@link SteadyWindow}) and the load client's pong round trips over the round. */
    private static String steady(JsonNode result) {
        StringBuilder t = new StringBuilder("While every call streams (" + SteadyWindow.MARGIN_SECONDS + " s after the"
                + " ramp until " + SteadyWindow.MARGIN_SECONDS + " s before the first call ends; pong round trips over"
                + " the whole round, from the load client):\n\n| round | window s | live calls | ms per call-second"
                + " | audio→request p50 / p99 ms | response→PUBLISH p50 / p99 ms | Redis pool wait / command mean ms"
                + " | pong RTT p50 / p99 ms |\n|---|---:|---:|---:|---|---|---|---|\n");
        for (JsonNode r : result.get("rounds")) {
            JsonNode w = r.path("steady");
            JsonNode pong = r.path("load_client").path("pong_rtt_ms");
            t.append(String.format(Locale.ROOT, "| %dx%d | %s | %s | %s | %s | %s | %s | %s |%n", r.get("calls").asInt(),
                    r.get("seconds").asInt(), w.isMissingNode() ? "–" : w.get("seconds").asText(),
                    w.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.0f", w.get("live_calls").asDouble()),
                    w.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.3f", w.get("connector_ms_per_call_second")
                            .asDouble()), pair(w.path("audio_to_request_ms")), pair(w.path("response_to_publish_ms")),
                    w.has("redis_pool_wait_ms_mean") ? orDash(w.get("redis_pool_wait_ms_mean").asDouble()) + " / "
                            + orDash(w.get("redis_command_ms_mean").asDouble()) : "–",
                    pair(pong)));
        }
        return t.append('\n').toString();
    }

    /** A mean, or a dash where nothing was measured (-1): the call path's commands use no pooled connection. */
    private static String orDash(double mean) {
        return mean < 0 ? "–" : String.format(Locale.ROOT, "%.2f", mean);
    }

    private static String pair(JsonNode percentiles) {
        return percentiles.has("p99") ? String.format(Locale.ROOT, "%.2f / %.2f", percentiles.get("p50").asDouble(),
                percentiles.get("p99").asDouble()) : "–";
    }

    private static String threadGroups(JsonNode result) {
        List<String> groups = new ArrayList<>();
        result.get("rounds").get(0).get("connector_ms_per_call_by_thread_group").fieldNames().forEachRemaining(groups::add);
        StringBuilder t = new StringBuilder("Connector CPU by thread group, ms per call:\n\n| thread group |");
        result.get("rounds").forEach(r -> t.append(' ').append(r.get("calls").asInt()).append('x')
                .append(r.get("seconds").asInt()).append(" |"));
        t.append("\n|---|").append("---:|".repeat(result.get("rounds").size())).append('\n');
        for (String g : groups) {
            t.append("| ").append(g).append(" |");
            result.get("rounds").forEach(r -> t.append(String.format(Locale.ROOT, " %.3f |",
                    r.get("connector_ms_per_call_by_thread_group").path(g).asDouble())));
            t.append('\n');
        }
        return t.toString();
    }

    private static String fixedCost(JsonNode result) {
        JsonNode fits = result.get("fixed_cost");
        if (fits.isEmpty()) {
            return "Fixed cost per call: needs two rounds of the same number of calls with different lengths"
                    + " (e.g. `--rounds 300x30,300x10`).\n";
        }
        StringBuilder t = new StringBuilder("Fixed cost per call (CPU per call = fixed + steady × seconds, from rounds"
                + " of the same number of calls):\n\n| calls | lengths (s) | fixed ms per call | steady ms per call-second |\n"
                + "|---:|---|---:|---:|\n");
        fits.forEach(f -> t.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %.3f |%n", f.get("calls").asInt(),
                f.get("lengths_seconds").asText(), f.get("fixed_ms_per_call").asDouble(),
                f.get("steady_ms_per_call_second").asDouble())));
        return t.toString();
    }

    /** The phases' table of a profile summary ({@link JfrPhases#summary}). */
    static String phaseTable(JsonNode profile) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%d CPU samples (%d stacks cut at the recording's"
                        + " depth): about %.1f s of Java code seen, one sample per %d ms of a thread running Java, of"
                        + " %.1f s CPU of the threads JFR samples (all but JIT, GC, VM and JFR threads; the rest is"
                        + " native code, system calls and the VM). ms per call: the phase's share of the samples × that"
                        + " CPU ÷ calls.%n%n| phase | samples | %% | ms per call |%n|---|---:|---:|---:|%n",
                profile.get("samples").asLong(), profile.get("stacks_truncated").asLong(),
                profile.path("java_code_ms_seen").asDouble() / 1000, JfrPhases.PROFILE_PERIOD_MS,
                profile.path("sampled_threads_cpu_ms").asDouble() / 1000));
        profile.get("phases").forEach(row -> t.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.3f |%n",
                row.get("phase").asText(), row.get("samples").asLong(), row.get("percent").asDouble(),
                row.get("ms_per_call").asDouble())));
        if (profile.has("not_sampled_ms_per_call")) {
            t.append(String.format(Locale.ROOT, "| (JIT, GC, VM and JFR threads: not sampled) | | | %.3f |%n",
                    profile.get("not_sampled_ms_per_call").asDouble()));
        }
        return t.toString();
    }

    static String topFrames(JsonNode profile) {
        StringBuilder t = new StringBuilder();
        profile.get("top_self_frames").fields().forEachRemaining(e -> {
            t.append(String.format(Locale.ROOT, "%nTop frames (self) in %s:%n%n| frame | samples | %% of phase |%n"
                    + "|---|---:|---:|%n", e.getKey()));
            e.getValue().forEach(f -> t.append(String.format(Locale.ROOT, "| `%s` | %d | %.1f |%n",
                    f.get("frame").asText(), f.get("samples").asLong(), f.get("percent_of_phase").asDouble())));
        });
        return t.toString();
    }
}
