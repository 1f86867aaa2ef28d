package io.audiohook.connector.web.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key comes from, and that every doubtful setting ends in "refuse everything", never in a guess. */
class ApiAccessTest {
    static final String PROJECT = "p-1";

    @TempDir
    Path dir;

    @Test
    void secretText() {
        ApiAccess access = new ApiAccess(config(Optional.of("s3cret"), Optional.empty(), false, Optional.of(PROJECT)));
        assertTrue(accepts(access, "s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void secretFileKeepsItsTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("jwt_secret_key"), "f00dcafe\n");
        ApiAccess access = new ApiAccess(config(Optional.empty(), Optional.of(file.toString()), false, Optional.of(PROJECT)));
        assertTrue(accepts(access, "f00dcafe\n".getBytes(StandardCharsets.UTF_8)));
        assertFalse(accepts(access, "f00dcafe".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void legacyEmptyKey() {
        ApiAccess access = new ApiAccess(config(Optional.empty(), Optional.empty(), true, Optional.of(PROJECT)));
        assertTrue(accepts(access, new byte[0]));
    }

    @Test
    void refusesEverythingWhenInDoubt() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "");
        for (ApiSettings config : new ApiSettings[] {
                config(Optional.empty(), Optional.empty(), false, Optional.of(PROJECT)),
                config(Optional.of("s"), Optional.empty(), false, Optional.empty()),
                config(Optional.of("s"), Optional.empty(), true, Optional.of(PROJECT)),
                config(Optional.of("s"), Optional.of(empty.toString()), false, Optional.of(PROJECT)),
                config(Optional.empty(), Optional.of(empty.toString()), false, Optional.of(PROJECT)),
                config(Optional.empty(), Optional.of(dir.resolve("missing").toString()), false, Optional.of(PROJECT)) }) {
            ApiAccess access = new ApiAccess(config);
            assertTrue(access.enabled());
            assertTrue(access.tokens().isEmpty());
        }
    }

    private static boolean accepts(ApiAccess access, byte[] key) {
        return access.tokens().orElseThrow()
                .verify(TestTokens.uiConnector(key, PROJECT, Instant.now().plusSeconds(60))).ok();
    }

    private static ApiSettings config(Optional<String> secret, Optional<String> file, boolean legacy,
            Optional<String> project) {
        return new ApiSettings(true, project, project, secret, file, legacy);
    }
}
