package io.audiohook.connector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What every benchmark main does alike: the JVM setting it needs first, the environment it records, its result files. */
final class BenchRun {
    private static final String COMMON_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private BenchRun() {
    }

    /**
     * With fewer than 3 CPUs the common pool has parallelism 1 and CompletableFuture's default async executor becomes
     * thread-per-task; the JDK WebSocket handshake uses it. Must be called before its first use.
     */
    static void widenCommonPool() {
        if (System.getProperty(COMMON_PARALLELISM) == null) {
            System.setProperty(COMMON_PARALLELISM, "2");
        }
    }

    /** This moment as result files are named: {@code 20261207T111853Z}. */
    static String stamp() {
        return Instant.now().toString().replace(":", "").replace("-", "").replaceAll("\\..*", "Z");
    }

    /**
     * The result's {@code environment}: date, CPUs, this JVM's version and the connector's (it may run on another
     * runtime: {@code CONNECTOR_JAVA}), the connector's command line, the notes.
     */
    static ObjectNode environment(ObjectNode result, long connectorPid, String notes) {
        ObjectNode env = result.putObject("environment");
        env.put("date", Instant.now().toString());
        env.put("nproc", Runtime.getRuntime().availableProcessors());
        env.put("java_version", System.getProperty("java.version"));
        env.put("connector_java", connectorJava(connectorPid));
        env.put("connector_cmdline", ProcStats.cmdline(connectorPid));
        env.put("notes", notes);
        return env;
    }

    /** The {@code JDK ...} line of {@code jcmd VM.version}, e.g. {@code JDK 25.0.1}; "unknown" without it. */
    static String connectorJava(long pid) {
        String out = Jcmd.run(pid, "VM.version");
        return out == null ? "unknown" : out.lines().map(String::strip).filter(l -> l.startsWith("JDK "))
                .findFirst().orElse("unknown");
    }

    /** The same, with the emulator's command line too. */
    static ObjectNode environment(ObjectNode result, long connectorPid, long emulatorPid, String notes) {
        ObjectNode env = environment(result, connectorPid, notes);
        env.put("emulator_cmdline", ProcStats.cmdline(emulatorPid));
        return env;
    }

    /**
     * Writes {@code <name>-<stamp>.json} and its Markdown report ({@code markdown} of the result and the JSON file's
     * name) into the results folder, prints the summary and the files, and exits: 1 unless the run passed.
     */
    static void finish(BenchParams p, String name, ObjectNode result, BiFunction<JsonNode, String, String> markdown,
            String summary, boolean passed) throws IOException {
        Files.createDirectories(p.outDir);
        Path json = p.outDir.resolve(name + "-" + p.stamp + ".json");
        LoadClient.write(json, result);
        Path md = p.outDir.resolve(name + "-" + p.stamp + ".md");
        Files.writeString(md, markdown.apply(result, json.getFileName().toString()));
        System.out.println(summary);
        System.out.println("written: " + json + ", " + md);
        System.exit(passed ? 0 : 1);
    }
}
