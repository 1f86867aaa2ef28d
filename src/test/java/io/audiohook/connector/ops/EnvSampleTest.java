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

import io.audiohook.connector.testkit.EnvSample;

/**
 * {@code .env.sample}, the deployment guide's table of {@code .env} and what the app and deploy.sh read stay in step.
 * The service's {@code CONNECTOR_*} settings are checked against {@code docs/configuration.md} by
 * {@code ConfigurationDocsTest}.
 */
class EnvSampleTest {
    private static final Path ROOT = Path.of(".");

    static Set<String> sampleKeys() {
        return EnvSample.read().keySet();
    }

    static Set<String> deploymentGuideKeys() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/deployment.md"));
        int start = guide.indexOf("## Settings of `.env`");
        assertTrue(start >= 0, "the deployment guide has the .env settings table");
        Set<String> keys = new LinkedHashSet<>();
        for (String line : guide.substring(start).split("\n")) {
            Matcher m = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|").matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            } else if (!keys.isEmpty() && !line.startsWith("|")) {
                break;
            }
        }
        return keys;
    }

    /** Keys Quarkus maps to the service's properties by their own names. */
    static boolean passedThrough(String key) {
        return key.startsWith("CONNECTOR_") || key.startsWith("QUARKUS_");
    }

    @Test
    void deploymentGuideAndSampleHaveTheSameKeys() throws IOException {
        Set<String> sample = new LinkedHashSet<>(sampleKeys());
        sample.removeIf(EnvSampleTest::passedThrough);
        assertEquals(sample, deploymentGuideKeys());
    }

    @Test
    void everySampleKeyIsRead() throws IOException {
        String properties = Files.readString(ROOT.resolve("src/main/resources/application.properties"));
        String deploy = Files.readString(ROOT.resolve("deploy.sh"));
        Set<String> deployKeys = new LinkedHashSet<>();
        for (String list : List.of("KNOWN_KEYS", "SERVICE_KEYS")) {
            Matcher known = Pattern.compile(list + "=\"([^\"]*)\"").matcher(deploy);
            assertTrue(known.find(), "deploy.sh lists " + list);
            deployKeys.addAll(List.of(known.group(1).replace("$SERVICE_KEYS", "").trim().split("\\s+")));
        }
        List<String> unread = new ArrayList<>();
        for (String key : sampleKeys()) {
            boolean app = properties.contains("${" + key + ":") || properties.contains("${" + key + "}")
                    || passedThrough(key);
            if (!app && !deployKeys.contains(key)) {
                unread.add(key);
            }
        }
        assertEquals(List.of(), unread, "keys of .env.sample nobody reads");
    }
}
