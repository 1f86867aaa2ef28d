package io.audiohook.connector.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples ({@code jdk.ExecutionSample}) of a JFR recording by {@link CallPhases phase}: counts, and the
 * hottest frames of each phase by self time (the running method). Read with the JDK's own {@code jdk.jfr.consumer}
 * API, the data {@code jfr print} shows (bench/jfr-top.sh), without a text format to parse.
 *
 * <p>{@code main} re-reads a recording: {@code JfrPhases FILE.jfr [calls connector-java-cpu-ms]}.
 */
final class JfrPhases {
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /** {@code settings=profile} samples each thread running Java code every 10 ms. */
    static final int PROFILE_PERIOD_MS = 10;

    /** Samples by phase (in {@link CallPhases#ALL} order), self frames by phase, and stacks cut at the depth. */
    record Profile(Map<String, Long> samples, Map<String, Map<String, Long>> selfFrames, long truncated) {
        long total() {
            return samples.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The hottest self frames of a phase, most first. */
        List<Map.Entry<String, Long>> top(String phase, int n) {
            return selfFrames.getOrDefault(phase, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
        }

        /** The phases with the most samples, most first. */
        List<String> biggest(int n) {
            return samples.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).map(Map.Entry::getKey)
                    .toList();
        }
    }

    private JfrPhases() {
    }

    /** The samples taken from {@code from} to {@code to} (null: no bound). */
    static Profile read(Path recording, Instant from, Instant to) throws IOException {
        CallPhases phases = new CallPhases();
        Map<String, Long> samples = new LinkedHashMap<>();
        CallPhases.ALL.forEach(p -> samples.put(p, 0L));
        Map<String, Map<String, Long>> self = new HashMap<>();
        long truncated = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(EXECUTION_SAMPLE)
                        || from != null && event.getStartTime().isBefore(from)
                        || to != null && event.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                List<String> frames = stack == null ? List.of() : frames(stack);
                if (stack != null && stack.isTruncated()) {
                    truncated++;
                }
                String phase = phases.phase(frames);
                samples.merge(phase, 1L, Long::sum);
                self.computeIfAbsent(phase, p -> new HashMap<>())
                        .merge(frames.isEmpty() ? "(no stack)" : frames.get(0), 1L, Long::sum);
            }
        }
        return new Profile(samples, self, truncated);
    }

    /** A hidden class' number and address ({@code X$$Lambda$870+0x00007fd9fc720f00.748331435}): not the same twice. */
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("(\\$[0-9]+)?\\+0x[0-9a-f]+(\\.[0-9]+)?$");

    /** {@code package.Class.method} of each Java frame, the running method first; lambdas as {@code X$$Lambda}. */
    static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame f : stack.getFrames()) {
            if (f.isJavaFrame()) {
                String type = HIDDEN_CLASS_SUFFIX.matcher(f.getMethod().getType().getName()).replaceFirst("");
                frames.add(type + "." + f.getMethod().getName());
            }
        }
        return frames;
    }

    /** Re-reads a whole recording: the phases' table (with the calls and the Java threads' CPU, ms per call), the top frames. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: JfrPhases FILE.jfr [calls connector-java-cpu-ms]");
            System.exit(2);
        }
        Profile profile = read(Path.of(args[0]), null, null);
        int calls = args.length == 3 ? Integer.parseInt(args[1]) : 0;
        double cpuMs = args.length == 3 ? Double.parseDouble(args[2]) : 0;
        var summary = LoadClient.JSON.valueToTree(summary(profile, calls, cpuMs, 15));
        System.out.print(CallCostReport.phaseTable(summary) + CallCostReport.topFrames(summary));
    }

    /**
     * What the results keep of a profile: per phase its samples, share and ms per call (the share of the sampled
     * threads' CPU, divided by the calls; 0 without calls), and the top self frames of the two biggest phases.
     */
    static Map<String, Object> summary(Profile profile, int calls, double javaCpuMs, int topFrames) {
        long total = profile.total();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("samples", total);
        node.put("stacks_truncated", profile.truncated());
        node.put("sampled_threads_cpu_ms", LoadClient.round(javaCpuMs, 1));
        node.put("java_code_ms_seen", total * PROFILE_PERIOD_MS);
        List<Map<String, Object>> rows = new ArrayList<>();
        profile.samples().forEach((phase, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            double share = total == 0 ? 0 : n * 1.0 / total;
            row.put("phase", phase);
            row.put("samples", n);
            row.put("percent", LoadClient.round(share * 100, 1));
            row.put("ms_per_call", calls == 0 ? 0 : LoadClient.round(share * javaCpuMs / calls, 3));
            rows.add(row);
        });
        node.put("phases", rows);
        Map<String, Object> top = new LinkedHashMap<>();
        for (String phase : profile.biggest(2)) {
            List<Map<String, Object>> frames = new ArrayList<>();
            profile.top(phase, topFrames).forEach(e -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("frame", e.getKey());
                f.put("samples", e.getValue());
                f.put("percent_of_phase", LoadClient.round(e.getValue() * 100.0 / profile.samples().get(phase), 1));
                frames.add(f);
            });
            top.put(phase, frames);
        }
        node.put("top_self_frames", top);
        return node;
    }
}
