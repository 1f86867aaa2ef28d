package io.audiohook.connector.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, () -> 0.5);
        assertEquals(Duration.ofMillis(100), backoff.delay(1));
        assertEquals(Duration.ofMillis(200), backoff.delay(2));
        assertEquals(Duration.ofMillis(400), backoff.delay(3));
        assertEquals(Duration.ofMillis(800), backoff.delay(4));
        assertEquals(Duration.ofSeconds(1), backoff.delay(5));
        assertEquals(Duration.ofSeconds(1), backoff.delay(10_000), "no overflow, however many retries");
    }

    @Test
    void jitterSpreadsEachDelayWithinItsBand() {
        assertEquals(80, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, () -> 0.0).delay(1)
                .toMillis());
        assertEquals(1200, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, () -> 1.0).delay(9)
                .toMillis());
        Backoff random = Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(20));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long millis = random.delay(3).toMillis();
            assertTrue(millis >= 6400 && millis <= 9600, "8 s ± 20 %: " + millis);
            seen.add(millis);
        }
        assertTrue(seen.size() > 50, "retries that fail together do not retry together");
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class,
                () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0.2, () -> 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2.0, 1.0, () -> 0.5));
    }
}
