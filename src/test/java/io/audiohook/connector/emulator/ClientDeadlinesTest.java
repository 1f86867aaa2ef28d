package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The {@code grpc-timeout} header as gRPC over HTTP/2 writes it: value and unit. */
class ClientDeadlinesTest {

    @Test
    void everyUnitOfTheSpecification() {
        long[] seconds = { 2 * 3600, 2 * 60, 2, 0, 0, 0 };
        List<String> headers = List.of("2H", "2M", "2S", "2m", "2u", "2n");
        for (int i = 0; i < headers.size(); i++) {
            long left = ClientDeadlines.parse(headers.get(i)).orElseThrow().timeRemaining(TimeUnit.SECONDS);
            assertTrue(left <= seconds[i] && left >= seconds[i] - 1, headers.get(i) + ": " + left);
        }
        assertTrue(ClientDeadlines.parse("5999983u").orElseThrow().timeRemaining(TimeUnit.MILLISECONDS) > 5_900,
                "what Google's Java client sends for a 6 s deadline");
        assertTrue(ClientDeadlines.parse("1n").orElseThrow().timeRemaining(TimeUnit.NANOSECONDS) <= 1);
    }

    @Test
    void anythingElseIsNoDeadline() {
        for (String header : new String[] { null, "", "S", "12", "1x", "-1S", "123456789S", "1.5S" }) {
            assertEquals(Optional.empty(), ClientDeadlines.parse(header), String.valueOf(header));
        }
        assertFalse(ClientDeadlines.current().isPresent(), "outside a call");
    }
}
