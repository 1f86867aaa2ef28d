package io.audiohook.connector.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SampleFormatTest {

    @Test
    void bytesPerSample() {
        assertEquals(1, SampleFormat.PCMU.bytesPerSample());
        assertEquals(2, SampleFormat.L16.bytesPerSample());
    }

    @Test
    void lookupByProtocolName() {
        assertEquals(Optional.of(SampleFormat.PCMU), SampleFormat.fromProtocolName("PCMU"));
        assertEquals(Optional.of(SampleFormat.L16), SampleFormat.fromProtocolName("L16"));
        assertEquals(Optional.of(SampleFormat.PCMU), SampleFormat.fromProtocolName("pcmu"));
        assertTrue(SampleFormat.fromProtocolName("PCMA").isEmpty());
        assertTrue(SampleFormat.fromProtocolName("").isEmpty());
        assertTrue(SampleFormat.fromProtocolName(null).isEmpty());
    }

    @Test
    void protocolNameRoundTrips() {
        for (SampleFormat f : SampleFormat.values()) {
            assertEquals(Optional.of(f), SampleFormat.fromProtocolName(f.protocolName()));
        }
    }
}
