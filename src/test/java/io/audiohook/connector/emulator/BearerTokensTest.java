package io.audiohook.connector.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.audiohook.connector.emulator.AnalyzeCall.audioConfig;
import static io.audiohook.connector.emulator.AnalyzeCall.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.Credentials;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With credentials required, every call needs a valid bearer token, unary and streaming alike, as Google's front
 * ends decide it: missing → UNAUTHENTICATED, unknown or expired (per tokeninfo) → UNAUTHENTICATED.
 */
@QuarkusTest
class BearerTokensTest {
    @TestHTTPResource("/")
    URL application;
    @Inject
    EmulatorControl control;

    WireMockServer tokeninfo;

    @BeforeEach
    void start() {
        tokeninfo = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        tokeninfo.start();
        tokeninfo.stubFor(get(urlPathEqualTo("/tokeninfo")).withQueryParam("access_token", equalTo("good"))
                .willReturn(aResponse().withStatus(200).withBody("{\"expires_in\":\"3599\",\"scope\":\"x\"}")));
        tokeninfo.stubFor(get(urlPathEqualTo("/tokeninfo")).withQueryParam("access_token", equalTo("short"))
                .willReturn(aResponse().withStatus(200).withBody("{\"expires_in\":\"1\"}")));
        tokeninfo.stubFor(get(urlPathEqualTo("/tokeninfo")).withQueryParam("access_token", equalTo("forged"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_token\"}")));
    }

    @AfterEach
    void stop() {
        control.reset();
        tokeninfo.stop();
    }

    @Test
    void everyCallNeedsABearerToken() {
        control.requireBearerTokens(true, Optional.empty());
        try (DialogflowClients anonymous = new DialogflowClients(application)) {
            ApiException unary = assertThrows(ApiException.class,
                    () -> anonymous.profiles.getConversationProfile(EmulatedCall.PROFILE));
            assertEquals(StatusCode.Code.UNAUTHENTICATED, code(unary));
            assertTrue(unary.getMessage().contains("missing required authentication credential"), unary.getMessage());
            ApiException stream = AnalyzeCall.open(anonymous.participants).config("projects/p/locations/l/"
                    + "conversations/c/participants/x", audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).awaitError();
            assertEquals(StatusCode.Code.UNAUTHENTICATED, code(stream));
        }
        try (DialogflowClients authenticated = withToken("any-token")) {
            assertEquals(EmulatedCall.PROFILE, authenticated.profiles.getConversationProfile(EmulatedCall.PROFILE)
                    .getName());
            EmulatedCall call = EmulatedCall.create(authenticated);
            AnalyzeCall.open(authenticated.participants)
                    .config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                    .audio(new byte[800], 0, 800).halfClose().awaitCompletion();
        }
    }

    @Test
    void tokensAreCheckedWithTokeninfoAndRefusedOnceExpired() {
        control.requireBearerTokens(true, Optional.of(URI.create(tokeninfo.baseUrl() + "/tokeninfo")));
        try (DialogflowClients good = withToken("good"); DialogflowClients forged = withToken("forged");
                DialogflowClients expiring = withToken("short")) {
            EmulatedCall call = EmulatedCall.create(good);
            AnalyzeCall.open(good.participants).config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                    .halfClose().awaitCompletion();
            // checked once, then remembered until it expires
            tokeninfo.verify(1, getRequestedFor(urlPathEqualTo("/tokeninfo")).withQueryParam("access_token",
                    equalTo("good")));

            ApiException refused = assertThrows(ApiException.class,
                    () -> forged.profiles.getConversationProfile(EmulatedCall.PROFILE));
            assertEquals(StatusCode.Code.UNAUTHENTICATED, code(refused));
            assertTrue(refused.getMessage().contains("invalid authentication credentials"), refused.getMessage());

            expiring.profiles.getConversationProfile(EmulatedCall.PROFILE);
            TestCalls.sleep(Duration.ofMillis(1200));
            assertEquals(StatusCode.Code.UNAUTHENTICATED, code(assertThrows(ApiException.class,
                    () -> expiring.profiles.getConversationProfile(EmulatedCall.PROFILE))));
        }
    }

    private DialogflowClients withToken(String token) {
        return new DialogflowClients(application, FixedCredentialsProvider.create(new StaticBearer(token)));
    }

    /** A bearer token as a header; not a GoogleCredentials, so gRPC sends it over the plaintext test channel. */
    static final class StaticBearer extends Credentials {
        private final String token;

        StaticBearer(String token) {
            this.token = token;
        }

        @Override
        public String getAuthenticationType() {
            return "OAuth2";
        }

        @Override
        public Map<String, List<String>> getRequestMetadata(URI uri) {
            return Map.of("Authorization", List.of("Bearer " + token));
        }

        @Override
        public boolean hasRequestMetadata() {
            return true;
        }

        @Override
        public boolean hasRequestMetadataOnly() {
            return true;
        }

        @Override
        public void refresh() {
        }
    }
}
