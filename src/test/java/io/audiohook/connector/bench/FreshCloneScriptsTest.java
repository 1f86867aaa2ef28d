package io.audiohook.connector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code bench/demo.sh} and {@code bench/load.sh} as bench/README.md tells a newcomer to run them: in a fresh
 * {@code git clone} of this commit (nothing built, no {@code target/}), online Maven as the scripts call it, against
 * a running service (the test application). The clone shares the local Maven repository, so nothing is downloaded
 * twice; what it proves is that the scripts need no step the README does not name.
 *
 * <p>It builds the clone (about a minute on 2 cores), so it runs in CI ({@code CI=true}) or when asked
 * ({@code -Dfresh-clone=true}), not in every local {@code verify}. Uncommitted changes are not in the clone.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // demo.sh first: its build is the one from nothing
class FreshCloneScriptsTest extends ConnectorTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static Path clone;

    @BeforeAll
    static void cloneThisCommit() throws Exception {
        assumeTrue("true".equals(System.getenv("CI")) || Boolean.getBoolean("fresh-clone"),
                "runs in CI (CI=true) or with -Dfresh-clone=true: it builds a fresh clone");
        Path dir = Files.createTempDirectory(REPO.resolve("target"), "fresh-clone-");
        clone = dir.resolve("repo");
        Run git = run(dir, Duration.ofMinutes(1), "git", "-c", "advice.detachedHead=false", "clone", "--quiet",
                REPO.toString(), clone.toString());
        assertEquals(0, git.exitCode(), git.output());
    }

    @Test
    @Order(1)
    void demoShPlacesACallAndPrintsBothPartiesTranscripts() throws Exception {
        Run demo = run(clone, Duration.ofMinutes(6), "bench/demo.sh", "--uri", TestCalls.ws(endpoint).toString(),
                "--api-key", TestCalls.KEY, "--secret", TestCalls.SECRET, "--calls", "1");
        assertEquals(0, demo.exitCode(), demo.output());
        assertTrue(demo.output().contains("[call 1] customer: Hi, I lost my bank card."), demo.output());
        assertTrue(demo.output().contains("[call 1] agent:    I blocked the card."), demo.output());
        assertTrue(demo.output().contains("demo: 1 call, 1 completed, 0 failed"), demo.output());
    }

    @Test
    @Order(2)
    void loadShRunsATinyLoad() throws Exception {
        Run load = run(clone, Duration.ofMinutes(6), "bench/load.sh", "--uri",
                TestCalls.ws(endpoint).toString().replace("/audiohook/ws", "/audiohook/transcription"),
                "--api-key", TestCalls.KEY, "--secret", TestCalls.SECRET,
                "--sessions", "1", "--ramp", "0", "--settle", "0", "--duration", "3");
        assertEquals(0, load.exitCode(), load.output());
        assertTrue(load.output().contains("sessions          opened 1, failed 0"), load.output());
    }

    record Run(int exitCode, String output) {
    }

    /** Runs a command with this JDK (the scripts honour JAVA_HOME); stdout and stderr together, as a user sees them. */
    private static Run run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(REPO.resolve("target"), "fresh-clone-", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("CONNECTOR_"));
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(-1, "timed out after " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
