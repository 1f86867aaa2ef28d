package io.audiohook.connector.emulator;

import java.net.URL;
import java.util.Arrays;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the emulator's stream tests share: Google's client pointed at the running emulator, a conversation with a
 * customer and an agent, and the emulator put back to its configuration after every test.
 */
abstract class EmulatorTesting {
    @TestHTTPResource("/")
    URL application;
    @Inject
    EmulatorControl control;

    DialogflowClients df;
    EmulatedCall call;

    @BeforeEach
    void connect() {
        df = new DialogflowClients(application);
        call = EmulatedCall.create(df);
    }

    @AfterEach
    void close() {
        control.reset();
        df.close();
    }

    static byte[] silence(int bytes) {
        byte[] audio = new byte[bytes];
        Arrays.fill(audio, (byte) 0xFF); // µ-law zero
        return audio;
    }
}
