package io.audiohook.connector.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the emulator's script, knowledge and profile files from a path, or else from the classpath. */
final class TextFiles {
    private TextFiles() {
    }

    static List<String> lines(String location) {
        return text(location).lines().toList();
    }

    static String text(String location) {
        try {
            Path path = Path.of(location);
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            String resource = location.startsWith("/") ? location.substring(1) : location;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no file or classpath resource '" + location + "'");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    /** Blank lines and {@code #} comments carry nothing. */
    static boolean isContent(String line) {
        String trimmed = line.strip();
        return !trimmed.isEmpty() && !trimmed.startsWith("#");
    }
}
