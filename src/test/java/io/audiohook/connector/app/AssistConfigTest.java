package io.audiohook.connector.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.assist.AssistSettings;
import io.audiohook.connector.assist.ProfileName;
import io.audiohook.connector.audio.RecognizerEncoding;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@code connector.assist.*} read by SmallRye as the application reads it, from the environment's names, into the
 * plain settings the adapters get; here the audio encoding, which the shared test boot cannot vary.
 */
class AssistConfigTest {
    static final ProfileName PROFILE = ProfileName.parse("projects/p/locations/l/conversationProfiles/x");

    static AssistConfig read(Map<String, String> environment) {
        // Quarkus' own converter reads durations such as 100ms, as in the application
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AssistConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(environment, "test environment", 300))
                .addDefaultInterceptors().build();
        return config.getConfigMapping(AssistConfig.class);
    }

    @Test
    void theAudioEncodingIsMuLawUnlessSetAndReachesTheSettings() {
        assertEquals(RecognizerEncoding.MULAW_8K, read(Map.of()).settings(PROFILE).audioEncoding());
        for (RecognizerEncoding encoding : RecognizerEncoding.values()) {
            AssistSettings settings = read(Map.of("connector.assist.audio-encoding", encoding.wireName()))
                    .settings(PROFILE);
            assertEquals(encoding, settings.audioEncoding(), encoding.wireName());
        }
    }

    @Test
    void aValueOutsideTheThreeStopsTheStartupNamingTheSetting() {
        AssistConfig config = read(Map.of("connector.assist.audio-encoding", "linear16-48k"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> config.settings(PROFILE));
        assertTrue(refused.getMessage().contains("CONNECTOR_ASSIST_AUDIO_ENCODING"), refused.getMessage());
        assertTrue(refused.getMessage().contains("mulaw-8k, linear16-8k, linear16-16k"), refused.getMessage());
    }
}
