package io.audiohook.connector.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code deploy.sh} against stand-ins for {@code gcloud} and {@code ./mvnw}
 * ({@code src/test/resources/deploy/}). The script and its Docker files are copied into a temporary
 * project, so the real {@code target/} is never read; the stand-ins record every call and remember
 * what was created, so a second run sees an existing deployment.
 */
class DeployScriptTest {

    private static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

    private static final String API_KEY = "genesys-key-7f3a9c1e5b";
    private static final String CLIENT_SECRET = "c2VjcmV0LXZhbHVlLW9mLXRoZS1pbnRlZ3JhdGlvbi0zMg==";
    private static final String OLD_SECRET = "b2xkLXNlY3JldC1mb3Itcm90YXRpb24=";
    private static final String API_KEYS = "old-genesys-key:" + OLD_SECRET;
    private static final String REDIS_PASSWORD = "redis-auth-string-9d8e7f";
    private static final List<String> SECRETS = List.of(API_KEY, CLIENT_SECRET, OLD_SECRET, REDIS_PASSWORD);

    /** The keys of Google's genesyscloud-audiohook .env, plus CLIENT_SECRET and ours. */
    private static Map<String, String> completeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONVERSATION_PROFILE_NAME", "projects/acme-aa/locations/europe-west1/conversationProfiles/Prof123");
        env.put("GCP_PROJECT_ID", "acme-aa");
        env.put("API_KEY", API_KEY);
        env.put("SERVICE_ACCOUNT", "audiohook-sa");
        env.put("UI_CONNECTOR", "ui-connector-abc-ew.a.run.app");
        env.put("VOICE_INTERCEPTOR_SERVICE", "audiohook");
        env.put("VPC_CONNECTOR_NAME", "aa-connector");
        env.put("SERVICE_REGION", "europe-west1");
        env.put("CLOUD_RUN_SERVICE_REGION", "europe-west1");
        env.put("REDIS_INSTANCE_ID", "aa-redis");
        env.put("CLIENT_SECRET", CLIENT_SECRET);
        env.put("API_KEYS", API_KEYS);
        env.put("REDIS_PASSWORD", REDIS_PASSWORD);
        env.put("ALLOWED_ORGANIZATION_IDS", "d7934305-0972-4844-938e-9060eef73d05");
        env.put("CLOUD_RUN_CONCURRENCY", "400");
        env.put("CLOUD_RUN_MAX_INSTANCES", "5");
        env.put("IMAGE_TAG", "t1");
        env.put("CONNECTOR_PROTOCOL_START_PAUSED", "true");
        return env;
    }

    /** Every key deploy.sh reads: removed from the inherited environment so the machine cannot leak in. */
    private static final List<String> KNOWN_KEYS = List.of("GCP_PROJECT_ID", "CONVERSATION_PROFILE_NAME", "API_KEY",
            "CLIENT_SECRET", "API_KEYS", "ALLOWED_ORGANIZATION_IDS", "MAX_SESSIONS", "PORT", "SERVICE_ACCOUNT",
            "SERVICE_ACCOUNT_ROLES", "VOICE_INTERCEPTOR_SERVICE", "CLOUD_RUN_SERVICE_REGION", "SERVICE_REGION",
            "VPC_CONNECTOR_NAME", "REDIS_INSTANCE_ID", "REDISHOST", "REDISPORT", "REDIS_PASSWORD", "REDIS_TLS",
            "UI_CONNECTOR", "CLOUD_RUN_CONCURRENCY", "CLOUD_RUN_MIN_INSTANCES", "CLOUD_RUN_MAX_INSTANCES",
            "CLOUD_RUN_CPU", "CLOUD_RUN_MEMORY", "CLOUD_RUN_TIMEOUT", "DRAIN_GRACE", "ARTIFACT_REPOSITORY",
            "IMAGE_TAG", "SECRET_PREFIX", "DEPLOY_DRY_RUN", "DEPLOY_SKIP_BUILD", "DEPLOY_IMAGE");

    @TempDir
    Path tmp;

    private Path project;
    private Path bin;
    private Path state;
    private Path log;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    @BeforeEach
    void createProject() throws IOException {
        project = tmp.resolve("project");
        bin = tmp.resolve("bin");
        state = tmp.resolve("state");
        log = tmp.resolve("gcloud.log");
        Files.createDirectories(project.resolve("src/main/docker"));
        Files.createDirectories(bin);
        Files.createDirectories(state);
        copy(REPO.resolve("deploy.sh"), project.resolve("deploy.sh"));
        try (Stream<Path> docker = Files.list(REPO.resolve("src/main/docker"))) {
            for (Path file : docker.toList()) {
                copy(file, project.resolve("src/main/docker").resolve(file.getFileName()));
            }
        }
        copy(REPO.resolve("src/test/resources/deploy/mvnw-stub.sh"), project.resolve("mvnw"));
        copy(REPO.resolve("src/test/resources/deploy/gcloud-stub.sh"), bin.resolve("gcloud"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        to.toFile().setExecutable(true);
    }

    private Result deploy(Map<String, String> env, String... args) throws Exception {
        StringBuilder text = new StringBuilder("# written by DeployScriptTest\n");
        env.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(project.resolve(".env"), text.toString());
        return runScript(args);
    }

    private Result runScript(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", project.resolve("deploy.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> environment = builder.environment();
        KNOWN_KEYS.forEach(environment::remove);
        environment.keySet().removeIf(k -> k.startsWith("CONNECTOR_") || k.startsWith("QUARKUS_"));
        environment.put("PATH", bin + File.pathSeparator + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("STUB_LOG", log.toString());
        environment.put("STUB_STATE", state.toString());
        environment.put("DEPLOY_RETRY_DELAY", "0");
        environment.putAll(extraEnv);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("deploy.sh did not finish in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void clearCalls() throws IOException {
        Files.deleteIfExists(log);
    }

    /** Index of the first call at or after {@code from} that starts with {@code prefix}; fails if none. */
    private static int indexOf(List<String> calls, String prefix, int from) {
        for (int i = from; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        fail("no call starting with '" + prefix + "' after #" + from + " in:\n" + String.join("\n", calls));
        return -1;
    }

    private static String call(List<String> calls, String prefix) {
        return calls.get(indexOf(calls, prefix, 0));
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), where + " contains a secret value: " + text);
        }
    }

    private static void assertSucceeded(Result result) {
        assertEquals(0, result.exitCode(), () -> "deploy.sh failed:\n" + result.all());
    }

    @Test
    void firstDeploymentRunsEveryStepInOrder() throws Exception {
        Result result = deploy(completeEnv());
        assertSucceeded(result);
        List<String> calls = calls();

        String[] expectedOrder = {
            "services list --enabled",
            "services enable run.googleapis.com cloudbuild.googleapis.com artifactregistry.googleapis.com "
                    + "secretmanager.googleapis.com dialogflow.googleapis.com redis.googleapis.com vpcaccess.googleapis.com",
            "iam service-accounts describe audiohook-sa@acme-aa.iam.gserviceaccount.com",
            "iam service-accounts create audiohook-sa",
            "projects get-iam-policy acme-aa",
            "projects add-iam-policy-binding acme-aa --member=serviceAccount:audiohook-sa@acme-aa.iam.gserviceaccount.com --role=roles/dialogflow.agentAssistClient",
            "projects add-iam-policy-binding acme-aa --member=serviceAccount:audiohook-sa@acme-aa.iam.gserviceaccount.com --role=roles/redis.editor",
            "projects add-iam-policy-binding acme-aa --member=serviceAccount:audiohook-sa@acme-aa.iam.gserviceaccount.com --role=roles/vpcaccess.user",
            "projects add-iam-policy-binding acme-aa --member=serviceAccount:audiohook-sa@acme-aa.iam.gserviceaccount.com --role=roles/compute.viewer",
            "secrets describe audiohook-api-key",
            "secrets create audiohook-api-key --replication-policy=automatic --data-file=-",
            "secrets get-iam-policy audiohook-api-key",
            "secrets add-iam-policy-binding audiohook-api-key --member=serviceAccount:audiohook-sa@acme-aa.iam.gserviceaccount.com --role=roles/secretmanager.secretAccessor",
            "secrets create audiohook-client-secret --replication-policy=automatic --data-file=-",
            "secrets add-iam-policy-binding audiohook-client-secret",
            "secrets create audiohook-api-keys --replication-policy=automatic --data-file=-",
            "secrets add-iam-policy-binding audiohook-api-keys",
            "secrets create audiohook-redis-password --replication-policy=automatic --data-file=-",
            "secrets add-iam-policy-binding audiohook-redis-password",
            "redis instances describe aa-redis --region=europe-west1 --format=value(host,port)",
            "artifacts repositories describe audiohook --location=europe-west1",
            "artifacts repositories create audiohook --repository-format=docker --location=europe-west1",
            "mvnw -B package -DskipTests",
            "builds submit . --config=src/main/docker/cloudbuild.yaml --ignore-file=src/main/docker/gcloudignore "
                    + "--substitutions=_IMAGE=europe-west1-docker.pkg.dev/acme-aa/audiohook/audiohook:t1",
            "run deploy audiohook",
            "run services describe audiohook",
        };
        int at = 0;
        for (String prefix : expectedOrder) {
            at = indexOf(calls, prefix, at) + 1;
        }

        // every gcloud call names the project; none changes the user's gcloud configuration
        calls.stream().filter(c -> !c.startsWith("mvnw") && !c.startsWith("projects "))
                .forEach(c -> assertTrue(c.contains("--project=acme-aa"), c));
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("config ")), "changed the gcloud config");

        String deployCall = call(calls, "run deploy audiohook");
        for (String flag : List.of("--image=europe-west1-docker.pkg.dev/acme-aa/audiohook/audiohook:t1",
                "--region=europe-west1", "--service-account=audiohook-sa@acme-aa.iam.gserviceaccount.com",
                "--allow-unauthenticated", "--timeout=3600", "--concurrency=400", "--min-instances=1",
                "--max-instances=5", "--cpu=2", "--memory=2Gi", "--no-cpu-throttling", "--session-affinity",
                "--vpc-connector=aa-connector",
                "--set-secrets=API_KEY=audiohook-api-key:latest,CLIENT_SECRET=audiohook-client-secret:latest,"
                        + "API_KEYS=audiohook-api-keys:latest,REDIS_PASSWORD=audiohook-redis-password:latest",
                "--startup-probe=httpGet.path=/q/health/started,", "--liveness-probe=httpGet.path=/q/health/live,")) {
            assertTrue((deployCall + " ").contains(flag + (flag.endsWith(",") ? "" : " ")),
                    () -> "missing " + flag + " in " + deployCall);
        }

        // secrets went to gcloud on stdin and nowhere else
        assertEquals(API_KEY, Files.readString(state.resolve("secrets/audiohook-api-key")));
        assertEquals(CLIENT_SECRET, Files.readString(state.resolve("secrets/audiohook-client-secret")));
        assertEquals(API_KEYS, Files.readString(state.resolve("secrets/audiohook-api-keys")));
        assertEquals(REDIS_PASSWORD, Files.readString(state.resolve("secrets/audiohook-redis-password")));
        for (String c : calls) {
            assertNoSecretIn("a gcloud argument", c);
        }
        assertNoSecretIn("the output", result.all());

        // the rest is plain environment, Redis from the Memorystore lookup
        String envVars = Files.readString(state.resolve("env-vars.yaml"));
        assertNoSecretIn("the env-vars file", envVars);
        for (String line : List.of("GCP_PROJECT_ID: 'acme-aa'",
                "CONVERSATION_PROFILE_NAME: 'projects/acme-aa/locations/europe-west1/conversationProfiles/Prof123'",
                "REDISHOST: '10.1.2.3'", "REDISPORT: '6378'", "REDIS_TLS: 'false'", "MAX_SESSIONS: '400'",
                "ALLOWED_ORGANIZATION_IDS: 'd7934305-0972-4844-938e-9060eef73d05'",
                "CONNECTOR_PROTOCOL_START_PAUSED: 'true'")) {
            assertTrue(envVars.lines().anyMatch(line::equals), () -> "missing " + line + " in\n" + envVars);
        }
        assertFalse(envVars.contains("UI_CONNECTOR"), envVars);

        assertTrue(result.stdout().contains("wss://audiohook-abc123-ew.a.run.app/audiohook/ws"), result.stdout());
    }

    @Test
    void secondRunUpdatesWithoutCreatingAnything() throws Exception {
        assertSucceeded(deploy(completeEnv()));
        clearCalls();

        Result second = deploy(completeEnv());
        assertSucceeded(second);
        List<String> calls = calls();
        for (String c : calls) {
            assertFalse(c.contains(" create ") || c.startsWith("services enable") || c.contains("add-iam-policy-binding")
                    || c.startsWith("secrets versions add"), () -> "second run changed something: " + c);
            assertNoSecretIn("a gcloud argument", c);
        }
        // it looked, compared the secrets, and deployed a new revision
        indexOf(calls, "secrets versions access latest --secret=audiohook-client-secret", 0);
        indexOf(calls, "run deploy audiohook", indexOf(calls, "builds submit", 0));
        assertEquals("1", Files.readString(state.resolve("secrets/audiohook-client-secret.versions")).strip());
        assertTrue(second.stdout().contains("secret audiohook-client-secret is up to date"), second.stdout());
    }

    @Test
    void changedSecretGetsANewVersionOnStdin() throws Exception {
        assertSucceeded(deploy(completeEnv()));
        clearCalls();

        Map<String, String> env = completeEnv();
        String rotated = "cm90YXRlZC1jbGllbnQtc2VjcmV0LXZhbHVlLTEyMzQ=";
        env.put("CLIENT_SECRET", rotated);
        assertSucceeded(deploy(env));

        List<String> calls = calls();
        indexOf(calls, "secrets versions add audiohook-client-secret --data-file=-", 0);
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("secrets versions add audiohook-api-key ")), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.contains(rotated)), calls.toString());
        assertEquals(rotated, Files.readString(state.resolve("secrets/audiohook-client-secret")));
        assertEquals("2", Files.readString(state.resolve("secrets/audiohook-client-secret.versions")).strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCP_PROJECT_ID", "CONVERSATION_PROFILE_NAME", "API_KEY", "CLIENT_SECRET", "SERVICE_ACCOUNT",
        "VOICE_INTERCEPTOR_SERVICE", "VPC_CONNECTOR_NAME", "REDIS_INSTANCE_ID"})
    void missingRequiredKeyIsNamedAndNothingRuns(String key) throws Exception {
        Map<String, String> env = completeEnv();
        env.remove(key);
        Result result = deploy(env);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("missing required settings"), result.stderr());
        assertTrue(result.stderr().lines().anyMatch(l -> l.startsWith("  - " + key)), result.stderr());
        assertEquals(List.of(), calls());
        assertNoSecretIn("the output", result.all());
    }

    @Test
    void everyMissingKeyIsReportedAtOnce() throws Exception {
        Result result = deploy(Map.of("UI_CONNECTOR", "ui.example"));
        assertNotEquals(0, result.exitCode());
        for (String key : List.of("GCP_PROJECT_ID", "CONVERSATION_PROFILE_NAME", "API_KEY", "CLIENT_SECRET",
                "SERVICE_ACCOUNT", "VOICE_INTERCEPTOR_SERVICE", "VPC_CONNECTOR_NAME", "CLOUD_RUN_SERVICE_REGION",
                "REDIS_INSTANCE_ID")) {
            assertTrue(result.stderr().contains("  - " + key), () -> key + " not reported:\n" + result.stderr());
        }
        assertEquals(List.of(), calls());
    }

    @Test
    void eitherRegionKeyWorksAndBothMissingIsReported() throws Exception {
        // Google's sample .env has SERVICE_REGION only
        Map<String, String> env = completeEnv();
        env.remove("CLOUD_RUN_SERVICE_REGION");
        assertSucceeded(deploy(env));
        assertTrue(call(calls(), "run deploy").contains("--region=europe-west1"));

        clearCalls();
        env.remove("SERVICE_REGION");
        Result result = deploy(env);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("CLOUD_RUN_SERVICE_REGION (or SERVICE_REGION)"), result.stderr());
        assertEquals(List.of(), calls());
    }

    @Test
    void redisHostCanReplaceTheInstanceLookup() throws Exception {
        Map<String, String> env = completeEnv();
        env.remove("REDIS_INSTANCE_ID");
        env.put("REDISHOST", "10.9.8.7");
        assertSucceeded(deploy(env));
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("redis ")));
        String envVars = Files.readString(state.resolve("env-vars.yaml"));
        assertTrue(envVars.contains("REDISHOST: '10.9.8.7'") && envVars.contains("REDISPORT: '6379'"), envVars);
    }

    @Test
    void malformedValuesAreNamedWithoutPrintingSecrets() throws Exception {
        Map<String, String> env = completeEnv();
        env.put("CONVERSATION_PROFILE_NAME", "projects/acme-aa/conversationProfiles/Prof123");
        env.put("CLIENT_SECRET", "not base64 " + API_KEY);
        env.put("ALLOWED_ORGANIZATION_IDS", "acme");
        env.put("CLOUD_RUN_CONCURRENCY", "5000");
        env.put("GCP_PROJECT_ID", "{your-project-id}");
        Result result = deploy(env);
        assertNotEquals(0, result.exitCode());
        for (String key : List.of("CONVERSATION_PROFILE_NAME", "CLIENT_SECRET", "ALLOWED_ORGANIZATION_IDS",
                "CLOUD_RUN_CONCURRENCY", "GCP_PROJECT_ID")) {
            assertTrue(result.stderr().contains("  - " + key), () -> key + " not reported:\n" + result.stderr());
        }
        assertTrue(result.stderr().contains("placeholder"), result.stderr());
        assertNoSecretIn("the output", result.all());
        assertEquals(List.of(), calls());
    }

    @Test
    void dryRunRunsNothingAndMasksSecrets() throws Exception {
        Result result = deploy(completeEnv(), "--dry-run");
        assertSucceeded(result);
        assertEquals(List.of(), calls(), "dry run called gcloud or mvnw");
        assertFalse(Files.exists(project.resolve("target")), "dry run built the app");

        String out = result.stdout();
        for (String expected : List.of("+ gcloud services enable run.googleapis.com",
                "+ gcloud iam service-accounts create audiohook-sa",
                "+ gcloud secrets create audiohook-api-key --replication-policy=automatic --data-file=- --project=acme-aa --quiet < [API_KEY, from stdin]",
                "+ gcloud secrets create audiohook-client-secret", "+ gcloud redis instances describe aa-redis",
                "+ ./mvnw -B package -DskipTests", "+ gcloud builds submit .", "+ gcloud run deploy audiohook",
                "--timeout=3600", "--no-cpu-throttling", "--session-affinity", "--vpc-connector=aa-connector",
                "--set-secrets=API_KEY=audiohook-api-key:latest", "CONNECTOR_PROTOCOL_START_PAUSED: 'true'")) {
            assertTrue(out.contains(expected), () -> "dry run does not show " + expected + ":\n" + out);
        }
        assertNoSecretIn("the dry-run output", result.all());
    }

    @Test
    void dryRunMasksSecretsThatWouldOtherwiseBePrinted() throws Exception {
        // a secret that also appears in a non-secret setting is masked wherever it is printed
        Map<String, String> env = completeEnv();
        env.put("CONNECTOR_EXAMPLE_NOTE", API_KEY);
        Result result = deploy(env, "--dry-run");
        assertSucceeded(result);
        assertTrue(result.stdout().contains("CONNECTOR_EXAMPLE_NOTE: '****'"), result.stdout());
        assertNoSecretIn("the dry-run output", result.all());
    }

    @Test
    void permissionErrorStopsBeforeTheDeployment() throws Exception {
        extraEnv.put("STUB_DENY", "secrets describe");
        Result result = deploy(completeEnv());
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("PERMISSION_DENIED"), result.stderr());
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("run deploy") || c.startsWith("secrets create")));
    }

    @Test
    void skipBuildUsesTheExistingFastJar() throws Exception {
        extraEnv.put("DEPLOY_SKIP_BUILD", "1");
        Result withoutJar = deploy(completeEnv());
        assertNotEquals(0, withoutJar.exitCode());
        assertTrue(withoutJar.stderr().contains("target/quarkus-app/quarkus-run.jar is missing"), withoutJar.stderr());
        assertTrue(calls().stream().noneMatch(c -> c.startsWith("mvnw") || c.startsWith("builds submit")));

        clearCalls();
        Files.createDirectories(project.resolve("target/quarkus-app"));
        Files.writeString(project.resolve("target/quarkus-app/quarkus-run.jar"), "jar");
        assertSucceeded(deploy(completeEnv()));
        List<String> calls = calls();
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("mvnw")), calls.toString());
        indexOf(calls, "run deploy", indexOf(calls, "builds submit", 0));
    }

    @Test
    void givenImageIsDeployedWithoutBuilding() throws Exception {
        String image = "europe-west1-docker.pkg.dev/acme-aa/audiohook/audiohook:v1.2.3";
        assertSucceeded(deploy(completeEnv(), "--image", image));
        List<String> calls = calls();
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("mvnw") || c.startsWith("builds ")
                || c.startsWith("artifacts ")), calls.toString());
        assertTrue(call(calls, "run deploy").contains("--image=" + image));
    }

    @Test
    void envFileOptionAndDotenvSyntax() throws Exception {
        StringBuilder text = new StringBuilder("# comment line\r\n\n");
        completeEnv().forEach((k, v) -> {
            switch (k) {
                case "API_KEY" -> text.append("export API_KEY=\"").append(v).append("\"\n");
                case "CLIENT_SECRET" -> text.append("CLIENT_SECRET='").append(v).append("'\r\n");
                case "REDIS_INSTANCE_ID" -> text.append("REDIS_INSTANCE_ID=").append(v).append("   # the UI connector's\n");
                default -> text.append(k).append('=').append(v).append('\n');
            }
        });
        text.append("NOT_A_SETTING=$(touch ").append(tmp.resolve("pwned")).append(")\n");
        Path file = tmp.resolve("custom.env");
        Files.writeString(file, text.toString());

        Result result = runScript("--env-file", file.toString());
        assertSucceeded(result);
        assertEquals(API_KEY, Files.readString(state.resolve("secrets/audiohook-api-key")));
        assertEquals(CLIENT_SECRET, Files.readString(state.resolve("secrets/audiohook-client-secret")));
        assertTrue(call(calls(), "redis instances describe").startsWith("redis instances describe aa-redis "));
        assertTrue(result.stderr().contains("unknown setting 'NOT_A_SETTING' ignored"), result.stderr());
        assertFalse(Files.exists(tmp.resolve("pwned")), ".env content was executed");
    }

    @Test
    void sampleIsCompleteOnceTheExampleSecretsAreReplaced() throws Exception {
        String sample = Files.readString(REPO.resolve(".env.sample"));
        Files.writeString(project.resolve(".env"), sample);
        Result asShipped = runScript("--dry-run");
        assertNotEquals(0, asShipped.exitCode());
        assertTrue(asShipped.stderr().contains("API_KEY is still the example value"), asShipped.stderr());
        assertTrue(asShipped.stderr().contains("CLIENT_SECRET is still the example value"), asShipped.stderr());

        String filled = sample.lines().map(l -> l.startsWith("API_KEY=") ? "API_KEY=" + API_KEY
                : l.startsWith("CLIENT_SECRET=") ? "CLIENT_SECRET=" + CLIENT_SECRET : l)
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(project.resolve(".env"), filled);
        Result result = runScript("--dry-run");
        assertSucceeded(result);
        assertFalse(result.stderr().contains("unknown setting"), "the sample has keys deploy.sh does not know:\n"
                + result.stderr());
        assertEquals(List.of(), calls());
    }

    @Test
    void helpExplainsAndRunsNothing() throws Exception {
        Result result = runScript("--help");
        assertSucceeded(result);
        assertTrue(result.stdout().startsWith("Usage: ./deploy.sh"), result.stdout());
        assertTrue(result.stdout().contains("--dry-run") && result.stdout().contains("--env-file"));
        assertEquals(List.of(), calls());

        Result unknown = runScript("--bogus");
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown argument: --bogus"), unknown.stderr());
    }

    @Test
    void shellScriptsPassShellcheck() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, "shellcheck is not installed: skipping the lint of the shell scripts (CI installs it)");

        List<String> command = new ArrayList<>(List.of("shellcheck", "deploy.sh"));
        for (String dir : List.of("src/test/resources/deploy", "bench", "src/test/fixtures", "src/main/docker")) {
            try (Stream<Path> scripts = Files.list(REPO.resolve(dir))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).sorted()
                        .forEach(p -> command.add(REPO.relativize(p).toString()));
            }
        }
        Process process = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "shellcheck did not finish");
        assertEquals(0, process.exitValue(), () -> "shellcheck " + String.join(" ", command) + ":\n" + output);
    }
}
