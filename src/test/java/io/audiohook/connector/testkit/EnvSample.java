package io.audiohook.connector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code .env.sample} as the docs tests read it: every key, set or commented out, in the file's order. */
public final class EnvSample {
    private static final Pattern LINE = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$");

    private EnvSample() {
    }

    /** Key → the value of a commented-out line (the documented default), or null for a line that sets a value. */
    public static Map<String, String> read() {
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(".env.sample"))) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    keys.put(m.group(2), m.group(1).isEmpty() ? null : m.group(3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(keys);
    }
}
