package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Production code must run without the emulator: nothing outside its package may refer to it. */
class EmulatorIsolationTest {
    @Test
    void noProductionPackageUsesTheEmulator() throws IOException {
        Path main = Path.of("src/main/java/io/audiohook/connector");
        Path emulator = main.resolve("emulator");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(emulator))
                    .filter(file -> read(file).contains("io.audiohook.connector.emulator"))
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
