package io.audiohook.connector.emulator;

import static io.audiohook.connector.emulator.AnalyzeCall.audioConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Faults and latency from configuration alone, as a benchmark or demo would set them. */
@QuarkusTest
@TestProfile(ConfiguredFaultsTest.Faults.class)
class ConfiguredFaultsTest {
    public static class Faults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.emulator.fault.code", "RESOURCE_EXHAUSTED",
                    "connector.emulator.fault.on-stream", "2",
                    "connector.emulator.latency", "200ms");
        }
    }

    @TestHTTPResource("/")
    URL application;
    @Inject
    EmulatorControl control;

    @Test
    void theSecondStreamFailsAndUnaryCallsAreSlow() {
        try (DialogflowClients df = new DialogflowClients(application)) {
            long start = System.nanoTime();
            EmulatedCall call = EmulatedCall.create(df); // three unary calls
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(600).toNanos(), "latency on every unary call");

            control.forgetAll(); // stream numbers count from here
            call = EmulatedCall.create(df);
            AnalyzeCall.open(df.participants).config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                    .halfClose().awaitCompletion();
            assertEquals(StatusCode.Code.RESOURCE_EXHAUSTED, AnalyzeCall.open(df.participants)
                    .config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).awaitError()
                    .getStatusCode().getCode());
            AnalyzeCall.open(df.participants).config(call.customer(), audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                    .halfClose().awaitCompletion();
            assertEquals(3, control.streamsOpened());
        }
    }
}
