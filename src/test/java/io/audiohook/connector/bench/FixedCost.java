package io.audiohook.connector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fixed part of a call's CPU: rounds of the same number of calls with different call lengths S give the CPU per
 * call as {@code fixed + steady × S}. Two lengths solve it; more are fitted by least squares. Rounds of different
 * call counts are not mixed (how much the event loops batch, and so the cost per call-second, depends on it).
 */
final class FixedCost {
    /** A measured round: calls, seconds each, connector CPU ms per call. */
    record Round(int calls, int seconds, double msPerCall) {
    }

    /** For one call count: the lengths used, the fixed cost per call (ms) and the steady cost per call-second (ms). */
    record Fit(int calls, List<Integer> seconds, double fixedMsPerCall, double steadyMsPerCallSecond) {
    }

    private FixedCost() {
    }

    /** One fit per call count that has rounds of at least two different lengths, by call count. */
    static List<Fit> fit(List<Round> rounds) {
        Map<Integer, List<Round>> byCalls = new TreeMap<>();
        rounds.forEach(r -> byCalls.computeIfAbsent(r.calls(), n -> new ArrayList<>()).add(r));
        List<Fit> fits = new ArrayList<>();
        byCalls.forEach((calls, same) -> {
            double[] s = same.stream().mapToDouble(Round::seconds).toArray();
            double[] cpu = same.stream().mapToDouble(Round::msPerCall).toArray();
            double steady = SoakReport.slope(s, cpu);
            if (Double.isNaN(steady)) {
                return; // one length only
            }
            double meanS = 0;
            double meanCpu = 0;
            for (int i = 0; i < s.length; i++) {
                meanS += s[i] / s.length;
                meanCpu += cpu[i] / s.length;
            }
            fits.add(new Fit(calls, same.stream().map(Round::seconds).distinct().sorted().toList(),
                    meanCpu - steady * meanS, steady));
        });
        return fits;
    }
}
