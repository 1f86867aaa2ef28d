package io.audiohook.connector.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/** Where the console is on without being asked: dev mode and demos, never a production instance. */
class ConsoleConfigTest {

    @Test
    void productionIsNoDemoUnlessItAnswersAsDialogflowItself() {
        assertFalse(ConsoleConfig.demo(LaunchMode.NORMAL, false), "production: off, and a token when enabled");
        assertTrue(ConsoleConfig.demo(LaunchMode.NORMAL, true), "the packaged demo (CONNECTOR_EMULATOR_ENABLED)");
        assertTrue(ConsoleConfig.demo(LaunchMode.DEVELOPMENT, false));
        assertTrue(ConsoleConfig.demo(LaunchMode.TEST, false));
    }
}
