package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.ClientResources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a call's whole life costs the connector (bench/run-call-cost.sh starts Redis, the Dialogflow emulator and the
 * connector as processes, then runs this). Rounds of short calls ({@code --rounds 300x30,1000x10}: N calls of S
 * seconds, see {@link CallRound}) after one warm-up round that is not measured; for each, the connector's CPU per
 * call and per call-second from the first upgrade until every conversation is completed, by thread group and, with
 * {@code --jfr-dir}, by phase of the call ({@link CallPhases}). Rounds of one N with different S give the fixed cost
 * per call ({@link FixedCost}). Writes {@code call-cost-<stamp>.json} and {@code .md} ({@link CallCostReport}). Exit
 * code 1 when a call failed, the server violated the protocol, audio was dropped or a completion did not come.
 */
public final class CallCostBenchmark {

    /** One round: N calls of S seconds each. */
    record Scenario(int calls, int seconds) {
        static Scenario parse(String nxs) {
            String[] parts = nxs.trim().split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a round is CALLSxSECONDS, e.g. 300x30: " + nxs);
            }
            Scenario s = new Scenario(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            if (s.calls < 1 || s.seconds < 1) {
                throw new IllegalArgumentException("a round has at least one call of at least a second: " + nxs);
            }
            return s;
        }

        static List<Scenario> parseList(String list) {
            return List.of(list.split(",")).stream().map(Scenario::parse).toList();
        }

        @Override
        public String toString() {
            return calls + "x" + seconds;
        }
    }

    static final class Params {
        URI uri;
        String apiKey;
        String secret;
        URI metrics;
        long connectorPid = -1;
        long emulatorPid = -1;
        long redisPid = -1;
        String desktopRedis;
        List<Scenario> rounds = Scenario.parseList("300x30,1000x10");
        Scenario warmup = new Scenario(100, 20);
        int rampPerSecond = 50;
        int idleSeconds = 5;
        int completionTimeoutSeconds = 60;
        boolean heap;
        Path jfrDir;
        Path outDir = Path.of("bench/results");
        String stamp = BenchRun.stamp();
        String notes = "";
        List<String> loadArgs = new ArrayList<>();

        static Params parse(String[] args) {
            Params p = new Params();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    p.loadArgs.addAll(List.of(args).subList(i + 1, args.length));
                    break;
                }
                if (a.equals("--heap")) {
                    p.heap = true;
                    continue;
                }
                String v = args[++i];
                switch (a) {
                    case "--uri" -> p.uri = URI.create(v);
                    case "--api-key" -> p.apiKey = v;
                    case "--secret" -> p.secret = v;
                    case "--metrics" -> p.metrics = URI.create(v);
                    case "--connector-pid" -> p.connectorPid = Long.parseLong(v);
                    case "--emulator-pid" -> p.emulatorPid = Long.parseLong(v);
                    case "--redis-pid" -> p.redisPid = Long.parseLong(v);
                    case "--desktop-redis" -> p.desktopRedis = v;
                    case "--rounds" -> p.rounds = Scenario.parseList(v);
                    case "--warmup" -> p.warmup = v.equals("0") ? null : Scenario.parse(v);
                    case "--ramp-rate" -> p.rampPerSecond = Integer.parseInt(v);
                    case "--idle-seconds" -> p.idleSeconds = Integer.parseInt(v);
                    case "--completion-timeout" -> p.completionTimeoutSeconds = Integer.parseInt(v);
                    case "--jfr-dir" -> p.jfrDir = Path.of(v);
                    case "--out-dir" -> p.outDir = Path.of(v);
                    case "--stamp" -> p.stamp = v;
                    case "--notes" -> p.notes = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (p.uri == null || p.apiKey == null || p.secret == null || p.metrics == null || p.connectorPid <= 0) {
                throw new IllegalArgumentException("--uri, --api-key, --secret, --metrics and --connector-pid are required");
            }
            if (p.rampPerSecond < 1) {
                throw new IllegalArgumentException("--ramp-rate is at least 1 call per second");
            }
            return p;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchRun.widenCommonPool();
        Params p = Params.parse(args);
        ObjectNode result = new CallCostBenchmark(p).run();
        Files.createDirectories(p.outDir);
        Path json = p.outDir.resolve("call-cost-" + p.stamp + ".json");
        LoadClient.write(json, result);
        Path md = p.outDir.resolve("call-cost-" + p.stamp + ".md");
        Files.writeString(md, CallCostReport.markdown(result, json.getFileName().toString()));
        System.out.println(CallCostReport.text(result));
        System.out.println("written: " + json + ", " + md);
        System.exit(CallCostReport.passed(result) ? 0 : 1);
    }

    private final Params p;

    CallCostBenchmark(Params p) {
        this.p = p;
    }

    ObjectNode run() throws Exception {
        ObjectNode result = LoadClient.JSON.createObjectNode();
        BenchRun.environment(result, p.connectorPid, p.emulatorPid, p.notes);
        ObjectNode params = result.putObject("params");
        params.put("rounds", p.rounds.toString());
        params.put("warmup", p.warmup == null ? "none" : p.warmup.toString());
        params.put("ramp_calls_per_second", p.rampPerSecond);
        params.put("jfr", p.jfrDir != null);
        params.put("heap", p.heap);
        params.put("load_client_args", String.join(" ", p.loadArgs));
        ArrayNode rounds = result.putArray("rounds");
        try (ClientResources resources = ClientResources.create()) {
            CallRound round = new CallRound(p, resources);
            if (p.warmup != null) {
                System.out.println("warm-up round (not measured): " + p.warmup);
                ObjectNode w = round.run(p.warmup.calls(), p.warmup.seconds(), null);
                System.out.printf("warm-up: %d calls closed, %d failed, connector %.2f ms per call%n",
                        w.get("calls_closed").asInt(), w.get("calls_failed").asInt(), w.get("connector_ms_per_call").asDouble());
                Thread.sleep(3000);
            }
            result.put("idle_connector_ms_per_second", idleCpu());
            for (int i = 0; i < p.rounds.size(); i++) {
                Scenario s = p.rounds.get(i);
                System.out.println("round " + (i + 1) + ": " + s.calls() + " calls of " + s.seconds() + " s");
                ObjectNode r = round.run(s.calls(), s.seconds(), (i + 1) + "-" + s);
                rounds.add(r);
                System.out.println(CallCostReport.roundLine(r));
                Thread.sleep(3000); // what is left of the round (sockets, timers) settles outside the next one
            }
        }
        List<FixedCost.Round> points = new ArrayList<>();
        for (JsonNode r : rounds) {
            points.add(new FixedCost.Round(r.get("calls").asInt(), r.get("seconds").asInt(),
                    r.get("connector_ms_per_call").asDouble()));
        }
        ArrayNode fits = result.putArray("fixed_cost");
        for (FixedCost.Fit f : FixedCost.fit(points)) {
            ObjectNode fit = fits.addObject();
            fit.put("calls", f.calls());
            fit.put("lengths_seconds", f.seconds().toString());
            fit.put("fixed_ms_per_call", LoadClient.round(f.fixedMsPerCall(), 3));
            fit.put("steady_ms_per_call_second", LoadClient.round(f.steadyMsPerCallSecond(), 4));
        }
        return result;
    }

    /** The connector's CPU with no call, ms per second: what any span costs whatever the calls do. */
    private double idleCpu() throws InterruptedException {
        if (p.idleSeconds <= 0) {
            return -1;
        }
        long before = ProcStats.cpuTicks(p.connectorPid);
        Thread.sleep(p.idleSeconds * 1000L);
        long after = ProcStats.cpuTicks(p.connectorPid);
        return LoadClient.round((after - before) * 1000.0 / ProcStats.clockTicks() / p.idleSeconds, 2);
    }
}
