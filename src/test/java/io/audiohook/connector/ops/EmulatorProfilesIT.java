package io.audiohook.connector.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.testkit.RedisServer;

/** The packaged emulator does not start on a broken profile file, and says which element is wrong and why. */
class EmulatorProfilesIT {

    @Test
    void aBrokenProfileFileFailsTheStartSayingWhy() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "emulator-profiles-");
        Path broken = dir.resolve("broken-profiles.json");
        Files.writeString(broken, "{\"conversationProfiles\": [{\"name\": \"emulated-profile\"}]}");

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> AppProcess.start(
                "broken-profiles", Map.of("QUARKUS_PROFILE", "emulator",
                        "EMULATOR_PORT", Integer.toString(RedisServer.freePort()),
                        "CONNECTOR_EMULATOR_PROFILES", broken.toAbsolutePath().toString()),
                List.of("-Xmx256m"), dir).close());

        assertTrue(failed.getMessage().contains("exited with"), failed.getMessage());
        assertTrue(failed.getMessage().contains("conversationProfiles[0]: name 'emulated-profile' is not of the form"),
                failed.getMessage());
    }
}
