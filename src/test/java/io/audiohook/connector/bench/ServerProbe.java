package io.audiohook.connector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The memory of a connector process after full GCs: heap in use (its /q/metrics), RSS and open sockets (/proc). RSS
 * tells native memory only when the heap is committed and touched from the start (-Xms = -Xmx, AlwaysPreTouch).
 */
final class ServerProbe {
    /** Heap in use after the GC, resident set, and how many sockets the process has open. */
    record Memory(long heapBytes, long rssBytes, long sockets) {
    }

    private final long pid;
    private final URI metrics;
    private final HttpClient http = HttpClient.newHttpClient();

    ServerProbe(long pid, URI metrics) {
        this.pid = pid;
        this.metrics = metrics;
    }

    long pid() {
        return pid;
    }

    Memory memory() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) { // the second one finds what the first left for finalization and cleaners
            Process gc = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            if (gc.waitFor() != 0) {
                throw new IOException("jcmd " + pid + " GC.run failed");
            }
        }
        String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        long heap = 0;
        for (Map.Entry<String, Double> e : Metrics.parse(text).entrySet()) {
            if (e.getKey().startsWith("jvm_memory_used_bytes{") && e.getKey().contains("area=\"heap\"")) {
                heap += e.getValue().longValue();
            }
        }
        return new Memory(heap, ProcStats.rssKb(pid) * 1024, sockets());
    }

    private long sockets() throws IOException {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
