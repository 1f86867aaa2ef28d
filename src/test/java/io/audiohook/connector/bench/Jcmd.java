package io.audiohook.connector.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks ask a JVM of theirs (the connector) through {@code jcmd}: GC, heap, class histogram, JFR. */
final class Jcmd {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    /** A histogram line: {@code    1:     123456     7890123  [B (java.base@17.0.15)}. */
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private Jcmd() {
    }

    /** Runs {@code jcmd <pid> command...} (bounded to a minute); its output, or null when it failed. */
    static String run(long pid, String... command) {
        if (pid <= 0) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(60, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A full GC, then the heap in use after it (KB, from {@code GC.heap_info}); -1 when unknown. */
    static long heapAfterGcKb(long pid) {
        run(pid, "GC.run");
        String info = run(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info == null ? "" : info);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** {@code GC.class_histogram} (live objects: it runs a full GC first): class name to {instances, bytes}. */
    static Map<String, long[]> classHistogram(long pid) {
        return parseHistogram(run(pid, "GC.class_histogram"));
    }

    static Map<String, long[]> parseHistogram(String text) {
        Map<String, long[]> classes = new HashMap<>();
        if (text == null) {
            return classes;
        }
        for (String line : text.split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                classes.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }
}
