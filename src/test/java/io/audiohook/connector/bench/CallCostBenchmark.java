package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.ClientResources;
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

    static final class Params extends BenchParams {
        long emulatorPid = -1;
        long redisPid = -1;
        List<Scenario> rounds = Scenario.parseList("300x30,1000x10");
        Scenario warmup = new Scenario(100, 20);
        int rampPerSecond = 50;
        int idleSeconds = 5;
        int completionTimeoutSeconds = 60;
        boolean heap;
        Path jfrDir;

        static Params parse(String[] args) {
            Params p = new Params();
            p.read(args);
            p.requireConnector(true);
            if (p.rampPerSecond < 1) {
                throw new IllegalArgumentException("--ramp-rate is at least 1 call per second");
            }
            return p;
        }

        @Override
        boolean flag(String name) {
            if (!name.equals("--heap")) {
                return false;
            }
            heap = true;
            return true;
        }

        @Override
        boolean option(String name, String v) {
            switch (name) {
                case "--emulator-pid" -> emulatorPid = Long.parseLong(v);
                case "--redis-pid" -> redisPid = Long.parseLong(v);
                case "--rounds" -> rounds = Scenario.parseList(v);
                case "--warmup" -> warmup = v.equals("0") ? null : Scenario.parse(v);
                case "--ramp-rate" -> rampPerSecond = Integer.parseInt(v);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(v);
                case "--completion-timeout" -> completionTimeoutSeconds = Integer.parseInt(v);
                case "--jfr-dir" -> jfrDir = Path.of(v);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchRun.widenCommonPool();
        Params p = Params.parse(args);
        ObjectNode result = new CallCostBenchmark(p).run();
        BenchRun.finish(p, "call-cost", result, CallCostReport::markdown, CallCostReport.text(result),
                CallCostReport.passed(result));
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
