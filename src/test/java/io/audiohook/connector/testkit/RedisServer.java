package io.audiohook.connector.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a local port, without persistence ({@code --save '' --appendonly no}).
 * Processes started here are also destroyed by a JVM shutdown hook, so a crashed test run leaves none behind.
 */
public final class RedisServer {
    /** Debian's package puts it here; {@code REDIS_SERVER} overrides. */
    public static final String EXECUTABLE = System.getenv().getOrDefault("REDIS_SERVER", "/usr/bin/redis-server");
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
    }

    private RedisServer() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Starts a server on {@code port} and returns once it answers PING. */
    public static Process start(int port) {
        if (!new File(EXECUTABLE).canExecute()) {
            throw new IllegalStateException(EXECUTABLE + " not found: install Debian's redis-server package or set REDIS_SERVER");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(EXECUTABLE, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--loglevel", "warning", "--dir", System.getProperty("java.io.tmpdir")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + EXECUTABLE, e);
        }
        STARTED.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                STARTED.remove(process);
                throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue());
            }
            if (answersPing(port)) {
                return process;
            }
            sleep(20);
        }
        process.destroyForcibly();
        STARTED.remove(process);
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 10 s");
    }

    /** Starts a server on a random free port, retrying if another process took the port meanwhile. */
    public static Started startOnFreePort() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                return new Started(port, start(port));
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Stops whatever Redis listens on {@code port} ({@code SHUTDOWN NOSAVE}) and waits until the port is closed;
     * also destroys {@code process} if given. Works for servers started by another class loader or by a test.
     */
    public static void stop(int port, Process process) {
        try (Resp resp = Resp.connect(port)) {
            resp.send("SHUTDOWN", "NOSAVE");
            try {
                resp.read();
            } catch (IOException expected) {
                // the server closes the connection instead of answering
            }
        } catch (IOException notRunning) {
            // nothing listens
        }
        if (process != null) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            STARTED.remove(process);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (answersPing(port) && System.nanoTime() < deadline) {
            sleep(20);
        }
        STARTED.removeIf(p -> !p.isAlive());
    }

    public static boolean answersPing(int port) {
        try (Resp resp = Resp.connect(port)) {
            resp.setReadTimeout(1000);
            return "PONG".equals(resp.call("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A server this class started. */
    public record Started(int port, Process process) {
    }
}
