package io.audiohook.connector.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as its own process, as it runs in a
 * container: configured by environment variables only, its output kept in a file the test can read.
 */
final class AppProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The emulator's default profile, as a deployment names its own. */
    static final String PROFILE = "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile";

    private final String name;
    private final Process process;
    private final Path log;

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The environment of a connector configured as a deployment is, pointed at an emulator process (plaintext) and a
     * Redis, with a short drain; {@code more} adds to it or overrides it.
     */
    static Map<String, String> connectorEnv(int port, String apiKey, String clientSecret, String redisHostPort,
            String dialogflowHostPort, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("API_KEY", apiKey);
        env.put("CLIENT_SECRET", clientSecret);
        env.put("CONVERSATION_PROFILE_NAME", PROFILE);
        env.put("GCP_PROJECT_ID", "emulated-project");
        env.put("REDIS_URL", "redis://" + redisHostPort);
        env.put("CONNECTOR_ASSIST_ENDPOINT", dialogflowHostPort);
        env.put("CONNECTOR_ASSIST_PLAINTEXT", "true");
        env.put("DRAIN_GRACE", "1s");
        env.putAll(more);
        return env;
    }

    /** The environment of the emulator as its own process (plaintext on {@code port}); {@code more} adds to it. */
    static Map<String, String> emulatorEnv(int port, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "emulator");
        env.put("EMULATOR_PORT", Integer.toString(port));
        env.putAll(more);
        return env;
    }

    /** Starts it and waits until Quarkus says it started (or fails with the process' output). */
    static AppProcess start(String name, Map<String, String> env, List<String> jvmOptions, Path dir)
            throws IOException, InterruptedException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " missing: the packaged-app tests run after the package phase");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("CONNECTOR_")
                || k.equals("GOOGLE_APPLICATION_CREDENTIALS") || k.equals("GCE_METADATA_HOST"));
        builder.environment().putAll(env);
        AppProcess app = new AppProcess(name, builder.start(), log);
        app.awaitLog("started in", Duration.ofSeconds(60));
        return app;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void awaitLog(String text, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": no '" + text + "' within " + wait + ":\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /**
     * SIGTERM ({@link Process#destroy()} on Linux), as Cloud Run stops an instance, then waits for the exit.
     *
     * @return the exit code: 143 (128 + SIGTERM) for a JVM that stopped on the signal
     */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running " + wait + " after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}): the process dies at once, as a crashed or OOM-killed container does. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
