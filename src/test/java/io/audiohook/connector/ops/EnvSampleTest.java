package io.audiohook.connector.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code .env.sample}, the README's settings table and what the app and deploy.sh read stay in step. */
class EnvSampleTest {
    private static final Path ROOT = Path.of(".");

    static Set<String> sampleKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.sample"))) {
            Matcher m = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=").matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    static Set<String> readmeKeys() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("### Settings of `.env`");
        assertTrue(start >= 0, "README has the .env settings table");
        Set<String> keys = new LinkedHashSet<>();
        for (String line : readme.substring(start).split("\n")) {
            Matcher m = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|").matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            } else if (!keys.isEmpty() && !line.startsWith("|")) {
                break;
            }
        }
        return keys;
    }

    @Test
    void readmeTableAndSampleHaveTheSameKeys() throws IOException {
        assertEquals(sampleKeys(), readmeKeys());
    }

    @Test
    void everySampleKeyIsRead() throws IOException {
        String properties = Files.readString(ROOT.resolve("src/main/resources/application.properties"));
        String deploy = Files.readString(ROOT.resolve("deploy.sh"));
        Matcher known = Pattern.compile("KNOWN_KEYS=\"([^\"]*)\"").matcher(deploy);
        assertTrue(known.find(), "deploy.sh lists KNOWN_KEYS");
        Set<String> deployKeys = Set.of(known.group(1).trim().split("\\s+"));
        List<String> unread = new ArrayList<>();
        for (String key : sampleKeys()) {
            boolean app = properties.contains("${" + key + ":") || properties.contains("${" + key + "}")
                    || key.startsWith("CONNECTOR_") || key.startsWith("QUARKUS_"); // Quarkus maps them to properties
            if (!app && !deployKeys.contains(key)) {
                unread.add(key);
            }
        }
        assertEquals(List.of(), unread, "keys of .env.sample nobody reads");
    }
}
