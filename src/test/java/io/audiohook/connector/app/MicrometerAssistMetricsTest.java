package io.audiohook.connector.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Function counters hold their state weakly: one bound to a method reference made just for it read NaN once the
 * garbage collector had run (the credential failures did, in production). Bound here, they survive collections.
 */
class MicrometerAssistMetricsTest {

    @Test
    void aCounterBoundToAMethodReferenceStillReadsAfterGarbageCollection() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerAssistMetrics metrics = new MicrometerAssistMetrics(registry);
        long[] failures = { 7 };
        metrics.bindCredentialFailures(() -> failures[0]);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(7.0, registry.get("audiohook.assist.credential.failures").functionCounter().count());
    }
}
