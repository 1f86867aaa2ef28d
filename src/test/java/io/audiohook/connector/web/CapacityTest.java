package io.audiohook.connector.web;

import static io.audiohook.connector.testkit.TestCalls.assertConformant;
import static io.audiohook.connector.testkit.TestCalls.attempt;
import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ConnectResult;
import io.audiohook.connector.call.CallRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.testkit.ConnectorTest;

/** With room for two sessions, a third upgrade is refused with 503 until one of the two has ended. */
@QuarkusTest
@TestProfile(SmallInstance.class)
class CapacityTest extends ConnectorTest {
    static final Duration WAIT = Duration.ofSeconds(10);


    @Inject
    LiveSessions sessions;

    @Inject
    CallRecorder recorder;

    @Inject
    MeterRegistry meters;

    @Test
    void thirdSessionIsRefusedUntilOneEnds() throws InterruptedException {
        TestCalls.eventually(() -> sessions.active() == 0);
        AudioHookClient first = connect(call(endpoint));
        AudioHookClient second = connect(call(endpoint));
        await(first.open());
        await(second.open());
        assertEquals(SmallInstance.MAX_SESSIONS, sessions.active());

        double refusedBefore = refusedForCapacity();
        ConnectResult third = attempt(call(endpoint));
        assertEquals(503, third.httpStatus(), "failure: " + third.failure());
        assertFalse(third.connected());
        assertEquals(refusedBefore + 1, refusedForCapacity());
        assertEquals(SmallInstance.MAX_SESSIONS, sessions.active());
        assertTrue(recorder.call(third.client().config().sessionId()).isEmpty());

        await(first.close("end"));
        first.awaitClose(WAIT);
        assertConformant(first);

        // The slot frees when the server has seen the socket go; until then 503 is the only acceptable answer.
        AudioHookClient next = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (next == null) {
            ConnectResult result = attempt(call(endpoint));
            if (result.httpStatus() == 101) {
                next = result.require();
            } else {
                assertEquals(503, result.httpStatus(), "failure: " + result.failure());
                assertTrue(System.nanoTime() < deadline, "no slot freed within " + WAIT);
                Thread.sleep(50);
            }
        }
        await(next.open());
        assertEquals(SmallInstance.MAX_SESSIONS, sessions.active());
        await(next.sendPing());
        await(next.close("end"));
        await(second.close("end"));
        next.awaitClose(WAIT);
        second.awaitClose(WAIT);
        assertConformant(next);
        assertConformant(second);
        TestCalls.eventually(() -> sessions.active() == 0);
    }

    private double refusedForCapacity() {
        Counter counter = meters.find("audiohook.upgrades.refused").tag("reason", "capacity").counter();
        return counter == null ? 0 : counter.count();
    }
}
