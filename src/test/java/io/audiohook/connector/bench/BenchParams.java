package io.audiohook.connector.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every benchmark main that drives a running connector takes alike (the capacity, soak and call cost
 * benchmarks): where the connector is and how to reach it, where the results go, and after {@code --} the load
 * client's own options. Each benchmark's {@code Params} extends this with its own options.
 */
abstract class BenchParams {
    URI uri;
    String apiKey;
    String secret;
    URI metrics;
    long connectorPid = -1;
    String desktopRedis;
    Path outDir = Path.of("bench/results");
    String stamp = BenchRun.stamp();
    String notes = "";
    List<String> loadArgs = new ArrayList<>();

    /** A benchmark's own option with its value; false when it has none of that name. */
    abstract boolean option(String name, String value);

    /** A benchmark's own option without a value; false when it has none of that name. */
    boolean flag(String name) {
        return false;
    }

    /** Reads the command line: every option takes a value but the flags; all after {@code --} is the load client's. */
    final void read(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                loadArgs.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (flag(a)) {
                continue;
            }
            String v = args[++i];
            switch (a) {
                case "--uri" -> uri = URI.create(v);
                case "--api-key" -> apiKey = v;
                case "--secret" -> secret = v;
                case "--metrics" -> metrics = URI.create(v);
                case "--connector-pid" -> connectorPid = Long.parseLong(v);
                case "--desktop-redis" -> desktopRedis = v;
                case "--out-dir" -> outDir = Path.of(v);
                case "--stamp" -> stamp = v;
                case "--notes" -> notes = v;
                default -> {
                    if (!option(a, v)) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                }
            }
        }
    }

    /** The connector's address, keys and metrics are required, and its pid when {@code withPid}. */
    final void requireConnector(boolean withPid) {
        if (uri == null || apiKey == null || secret == null || metrics == null || withPid && connectorPid <= 0) {
            throw new IllegalArgumentException(withPid
                    ? "--uri, --api-key, --secret, --metrics and --connector-pid are required"
                    : "--uri, --api-key, --secret and --metrics are required");
        }
    }
}
