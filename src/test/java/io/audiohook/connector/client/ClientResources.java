package io.audiohook.connector.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads and the HTTP client shared by every session. Sessions never own a thread: listener
 * callbacks run on the small HTTP executor and timed work (frame pacing, pings) on the scheduler,
 * which is what lets one JVM drive about a thousand concurrent sessions.
 */
public final class ClientResources implements AutoCloseable {

    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService scheduler;
    private final HttpClient httpClient;

    private ClientResources(int httpThreads, int schedulerThreads) {
        this.httpExecutor = Executors.newFixedThreadPool(httpThreads, daemon("audiohook-client-io"));
        this.scheduler = Executors.newScheduledThreadPool(schedulerThreads, daemon("audiohook-client-timer"));
        this.httpClient = HttpClient.newBuilder()
                .executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(10))
                // Genesys does not follow redirects on the upgrade; neither do we.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static ClientResources create() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new ClientResources(Math.max(2, Math.min(cpus, 8)), 2);
    }

    public static ClientResources create(int httpThreads, int schedulerThreads) {
        return new ClientResources(httpThreads, schedulerThreads);
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
