package io.audiohook.connector.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;

import io.audiohook.connector.emulator.EmulatorConfig;
import io.audiohook.connector.testkit.EnvSample;

/**
 * Every setting the configuration mappings declare, and every environment variable {@code application.properties}
 * reads, is documented with the default the code has: in {@code docs/configuration.md} (the emulator's in
 * {@code docs/emulator.md}) and in {@code .env.sample}, where a commented-out line shows the default.
 */
class ConfigurationDocsTest {
    private static final Path ROOT = Path.of(".");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\| ([^|]*) \\|");
    /** {@code ${NAME:default}} with a plain default, or any reference {@code ${NAME:...}}. */
    private static final Pattern PLAIN_ALIAS = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^${}]*)}");
    private static final Pattern ANY_ALIAS = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");

    /** Every mapping of the wiring package, found rather than listed: a new one cannot be left undocumented. */
    static final Class<?>[] CONNECTOR_MAPPINGS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ConfigurationDocsTest.class.getPackageName()).stream()
            .filter(c -> c.isAnnotatedWith(ConfigMapping.class)).map(JavaClass::reflect)
            .sorted(java.util.Comparator.comparing(Class::getName)).toArray(Class<?>[]::new);

    @Test
    void theMappingsAreFound() {
        assertTrue(List.of(CONNECTOR_MAPPINGS).containsAll(List.of(AuthConfig.class, AssistConfig.class,
                TranscriptionConfig.class)), List.of(CONNECTOR_MAPPINGS).toString());
    }

    /** The documented variables of a page's tables, with their default cell. */
    static Map<String, String> documented(String page) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(page))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(1), m.group(2).trim());
            }
        }
        return rows;
    }

    /** What {@code application.properties} reads from the environment outside profiles: name → plain default. */
    static Map<String, Optional<String>> propertyAliases(boolean profiled) throws IOException {
        Map<String, Optional<String>> aliases = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("src/main/resources/application.properties"))) {
            if (line.startsWith("#") || line.startsWith("%") != profiled) {
                continue;
            }
            Matcher any = ANY_ALIAS.matcher(line);
            while (any.find()) {
                aliases.putIfAbsent(any.group(1), Optional.empty());
            }
            Matcher plain = PLAIN_ALIAS.matcher(line);
            while (plain.find()) {
                aliases.put(plain.group(1), Optional.of(plain.group(2)).filter(d -> !d.isEmpty()));
            }
        }
        return aliases;
    }

    @Test
    void everyConnectorSettingIsInTheConfigurationDocsWithItsDefault() throws IOException {
        Map<String, String> docs = documented("docs/configuration.md");
        List<String> problems = new ArrayList<>();
        for (MappedSettings.Setting s : MappedSettings.of(CONNECTOR_MAPPINGS).settings()) {
            check(s.env(), s.effectiveDefault(), docs, problems);
        }
        propertyAliases(false).forEach((env, dflt) -> check(env, dflt, docs, problems));
        assertEquals(List.of(), problems, "docs/configuration.md");
    }

    @Test
    void everyEmulatorSettingIsInTheEmulatorDocsWithItsDefault() throws IOException {
        Map<String, String> docs = documented("docs/emulator.md");
        List<String> problems = new ArrayList<>();
        for (MappedSettings.Setting s : MappedSettings.of(EmulatorConfig.class).settings()) {
            check(s.env(), s.effectiveDefault(), docs, problems);
        }
        propertyAliases(true).keySet().stream().filter(env -> env.startsWith("EMULATOR_"))
                .forEach(env -> check(env, Optional.empty(), docs, problems));
        assertEquals(List.of(), problems, "docs/emulator.md");
    }

    @Test
    void everyConnectorSettingIsInTheEnvSampleAndACommentedLineShowsItsDefault() throws IOException {
        Map<String, String> sample = EnvSample.read();
        List<String> problems = new ArrayList<>();
        for (MappedSettings.Setting s : MappedSettings.of(CONNECTOR_MAPPINGS).settings()) {
            if (!sample.containsKey(s.env())) {
                problems.add(s.env() + " missing");
            } else if (sample.get(s.env()) != null && s.effectiveDefault().isPresent()
                    && !sample.get(s.env()).equals(s.effectiveDefault().get())) {
                problems.add("#" + s.env() + "=" + sample.get(s.env()) + " but the default is "
                        + s.effectiveDefault().get());
            }
        }
        assertEquals(List.of(), problems, ".env.sample");
    }

    @Test
    void aShortAliasGivesTheSameDefaultAsTheMapping() {
        List<String> problems = new ArrayList<>();
        for (MappedSettings.Setting s : MappedSettings.of(CONNECTOR_MAPPINGS).settings()) {
            Optional<String> alias = s.aliasDefault().filter(d -> !d.isEmpty());
            if (alias.isPresent() && s.defaultValue().isPresent() && !alias.equals(s.defaultValue())) {
                problems.add(s.env() + ": " + alias.get() + " in application.properties, " + s.defaultValue().get()
                        + " in the mapping");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void check(String env, Optional<String> dflt, Map<String, String> docs, List<String> problems) {
        String cell = docs.get(env);
        if (cell == null) {
            problems.add(env + " is not documented");
        } else if (dflt.isPresent() && !cell.startsWith("`" + dflt.get() + "`")) {
            problems.add(env + ": documented default " + cell + ", the code's is `" + dflt.get() + "`");
        }
    }
}
