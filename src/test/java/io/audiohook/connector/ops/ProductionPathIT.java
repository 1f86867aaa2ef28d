package io.audiohook.connector.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.audiohook.connector.bench.DesktopDouble;
import io.audiohook.connector.bench.Metrics;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.testkit.RedisServer;
import io.audiohook.connector.testkit.TestCalls;

/**
 * The connector reaching Dialogflow exactly as on Cloud Run: the packaged application, Dialogflow over TLS (the
 * emulator as its own process, with a certificate made for this run and credentials required), and Application
 * Default Credentials from the GCE metadata server (a WireMock stand-in at {@code GCE_METADATA_HOST}) issuing
 * short-lived tokens. No setting here exists only for tests: the connector gets the endpoint, profile and keys a
 * deployment gets, and trusts the test certificate the JDK's standard way.
 */
class ProductionPathIT {
    static final String PROFILE = "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile";
    static final String KEY = "it-api-key";
    static final String SECRET = "aXQtY2xpZW50LXNlY3JldC0zMi1ieXRlcy1sb25nLg==";
    static final String TOKEN_PATH = "/computeMetadata/v1/instance/service-accounts/default/token";
    /** Within google-auth's refresh margin (3 min 45 s): each token is refreshed while still valid. */
    static final int TOKEN_SECONDS = 185;

    static Path dir;
    static TestCertificates certificates;
    static int tlsPort;
    static WireMockServer metadata;
    static RedisServer.Started redis;
    static AppProcess emulator;
    static AppProcess connector;
    static URI connectorHttp;
    static StubMapping tokens;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ClientResources RESOURCES = ClientResources.create();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "production-path-");
        certificates = TestCertificates.create(dir);
        metadata = new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));
        metadata.start();
        metadata.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withHeader("Metadata-Flavor", "Google")));
        metadata.stubFor(get(urlPathEqualTo("/computeMetadata/v1/universe/universe-domain"))
                .withHeader("Metadata-Flavor", equalTo("Google"))
                .willReturn(aResponse().withHeader("Metadata-Flavor", "Google").withBody("googleapis.com")));
        tokens = metadata.stubFor(tokenEndpointAnswers());
        metadata.stubFor(get(urlPathEqualTo("/tokeninfo")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"expires_in\":\"" + TOKEN_SECONDS + "\"}")));
        redis = RedisServer.startOnFreePort();

        tlsPort = RedisServer.freePort();
        emulator = AppProcess.start("emulator", Map.of(
                "QUARKUS_PROFILE", "emulator",
                "EMULATOR_PORT", Integer.toString(RedisServer.freePort()),
                "QUARKUS_HTTP_SSL_PORT", Integer.toString(tlsPort),
                "QUARKUS_HTTP_INSECURE_REQUESTS", "disabled",
                "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE", certificates.keyStore().toAbsolutePath().toString(),
                "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD", certificates.password(),
                "CONNECTOR_EMULATOR_AUTH_REQUIRED", "true",
                "CONNECTOR_EMULATOR_AUTH_TOKENINFO_URL", metadata.baseUrl() + "/tokeninfo",
                "DRAIN_GRACE", "1s"),
                List.of("-Xmx256m"), dir);
        int port = RedisServer.freePort();
        connector = AppProcess.start("connector", Map.ofEntries(
                Map.entry("PORT", Integer.toString(port)),
                Map.entry("API_KEY", KEY),
                Map.entry("CLIENT_SECRET", SECRET),
                Map.entry("CONVERSATION_PROFILE_NAME", PROFILE),
                Map.entry("GCP_PROJECT_ID", "emulated-project"),
                Map.entry("REDIS_URL", "redis://127.0.0.1:" + redis.port()),
                // a Private Service Connect or regional override looks just like this
                Map.entry("CONNECTOR_ASSIST_ENDPOINT", "localhost:" + tlsPort),
                Map.entry("GCE_METADATA_HOST", "localhost:" + metadata.port()),
                Map.entry("HOME", dir.toAbsolutePath().toString()), // no gcloud credentials of this machine
                Map.entry("CONNECTOR_ASSIST_RESOURCE_EXHAUSTED_BACKOFF", "500ms"),
                Map.entry("CONNECTOR_ASSIST_RESOURCE_EXHAUSTED_BACKOFF_MAX", "2s"),
                Map.entry("DRAIN_GRACE", "1s")),
                concat(certificates.trustOptions(), List.of("-Xmx384m")), dir);
        connectorHttp = URI.create("http://localhost:" + port);
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder tokenEndpointAnswers() {
        return get(urlPathEqualTo(TOKEN_PATH)).withHeader("Metadata-Flavor", equalTo("Google"))
                .willReturn(aResponse().withHeader("Metadata-Flavor", "Google")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"ya29.it-{{randomValue length=20 type='ALPHANUMERIC'}}\","
                                + "\"expires_in\":" + TOKEN_SECONDS + ",\"token_type\":\"Bearer\"}"));
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (redis != null) {
            RedisServer.stop(redis.port(), redis.process());
        }
        if (metadata != null) {
            metadata.stop();
        }
    }

    @Test
    void callsAreAuthenticatedOverTlsAndDegradeWhileTheMetadataServerFails() throws Exception {
        try (DesktopDouble desktop = new DesktopDouble("127.0.0.1", redis.port(), "emulated-project")) {
            eventually("ready", Duration.ofSeconds(20), () -> readiness() == 200);

            // a call, every RPC of it carrying a token from the metadata server
            String first = call(desktop, Duration.ZERO);
            assertEquals(Set.of("END_USER", "HUMAN_AGENT"), desktop.transcribedRoles(first), connector.output());
            Map<String, Double> m = emulatorMetrics();
            for (String method : List.of("GetConversationProfile", "CreateConversation",
                    "CreateParticipant", "StreamingAnalyzeContent")) {
                assertTrue(m.getOrDefault("dialogflow_emulator_calls_total{method=\"" + method + "\"}", 0.0) >= 1,
                        method + " was made and authenticated: " + m);
            }
            assertEquals(0.0, m.getOrDefault("dialogflow_emulator_refusals_total{rule=\"unauthenticated\"}", 0.0),
                    "the emulator refused no call for its credentials");
            metadata.verify(getRequestedFor(urlPathEqualTo(TOKEN_PATH)).withHeader("Metadata-Flavor",
                    equalTo("Google")));
            // short-lived tokens are refreshed before they expire, and each new one is the one sent
            eventually("a refreshed token in use", Duration.ofSeconds(20), () -> distinctTokensChecked() >= 2);

            // the metadata server fails: not ready, one WARN, calls go on and catch up once it answers again
            metadata.editStub(get(urlPathEqualTo(TOKEN_PATH)).withId(tokens.getId())
                    .willReturn(aResponse().withStatus(503).withBody("metadata server down")));
            eventually("not ready while no token can be had", Duration.ofSeconds(30), () -> readiness() == 503);
            assertTrue(connector.output().contains("Dialogflow credentials: no access token"), connector.output());
            String second = call(desktop, Duration.ofSeconds(6)); // the token source is restored 6 s into it
            assertEquals(Set.of("END_USER", "HUMAN_AGENT"), desktop.transcribedRoles(second),
                    "the call caught up once tokens came back: " + connector.output());
            eventually("ready again", Duration.ofSeconds(20), () -> readiness() == 200);
            assertTrue(connector.isAlive());
            assertTrue(connector.output().contains("Dialogflow credentials work again"), connector.output());
            assertTrue(!connector.output().contains("\"severity\":\"ERROR\""), "no ERROR: " + connector.output());
        }
    }

    /** One two-party speech call in real time; the token endpoint is restored {@code restoreAfter} into it. */
    private String call(DesktopDouble desktop, Duration restoreAfter) throws Exception {
        String conversation = UUID.randomUUID().toString();
        desktop.join(conversation);
        SessionConfig config = SessionConfig.call(URI.create("ws://localhost:" + connectorHttp.getPort()
                + "/audiohook/ws")).apiKey(KEY).clientSecret(SECRET).language("en-US").conversationId(conversation);
        AudioHookClient client = AudioHookClient.connect(config, RESOURCES).get(10, TimeUnit.SECONDS).require();
        client.open().get(10, TimeUnit.SECONDS);
        if (!restoreAfter.isZero()) {
            RESOURCES.scheduler().schedule(() -> metadata.editStub(tokenEndpointAnswers().withId(tokens.getId())),
                    restoreAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
        client.streamAudio(WavAudioSource.fromResource(TestCalls.SPEECH), Duration.ofMillis(200), true)
                .get(60, TimeUnit.SECONDS);
        eventually("both roles transcribed", Duration.ofSeconds(20),
                () -> desktop.transcribedRoles(conversation).size() == 2);
        client.close("end").get(10, TimeUnit.SECONDS);
        TestCalls.assertConformant(client);
        return conversation;
    }

    private static long distinctTokensChecked() {
        return metadata.findAll(getRequestedFor(urlPathEqualTo("/tokeninfo"))).stream()
                .map(r -> r.queryParameter("access_token").firstValue()).distinct().count();
    }

    private static int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(connectorHttp.resolve("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The emulator answers only over TLS: the test trusts the run's certificate as the connector does. */
    private static Map<String, Double> emulatorMetrics() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certificates.trustStore())) {
            trust.load(in, certificates.password().toCharArray());
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory
                .getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(tls).build();
        return Metrics.parse(https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static void eventually(String what, Duration wait, BooleanSupplier condition) {
        TestCalls.eventually(what, wait, condition);
    }
}
