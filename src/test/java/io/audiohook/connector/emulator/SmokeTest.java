package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest {
    @TestHTTPResource("/")
    URL url;

    @Test
    void profile() {
        try (DialogflowClients df = new DialogflowClients(url)) {
            String name = "projects/emulated-project/locations/us-central1/conversationProfiles/emulated-profile";
            assertEquals(name, df.profiles.getConversationProfile(name).getName());
        }
    }
}
