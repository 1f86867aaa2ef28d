package io.audiohook.connector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code open.media} entries the codec keeps: 8 kHz only, whatever integer the client writes. */
class MediaOfferDecodingTest {
    static final String UUID = "3e8d6f20-9b4a-4c17-b2e5-6a1f0d9c8b74";

    static ClientMessage.Open open(String rate) {
        String text = """
                {"version":"2","id":"%1$s","type":"open","seq":1,"serverseq":0,"position":"PT0S",
                 "parameters":{"organizationId":"%1$s","conversationId":"%1$s",
                  "participant":{"id":"%1$s","ani":"","aniName":"","dnis":""},
                  "media":[{"type":"audio","format":"PCMU","channels":["external"],"rate":%2$s}]}}"""
                .formatted(UUID, rate);
        return (ClientMessage.Open) ClientMessageCodec.decode(text);
    }

    /**
     * Regression: 4294975296 is 2^32 + 8000 and 18446744073709559616 is 2^64 + 8000; both were taken for 8000
     * because the rate was read with a truncating {@code intValue()}, so the open was admitted with a rate the
     * client never offered. Another rate is skipped like any offer this server cannot take.
     */
    @ParameterizedTest
    @ValueSource(strings = {"4294975296", "18446744073709559616", "-4294959296", "16000", "0"})
    void anotherRateIsSkippedNotTruncated(String rate) {
        assertTrue(open(rate).parameters().media().isEmpty(), rate);
    }

    @Test
    void eightKilohertzIsKept() {
        List<MediaOffer> media = open("8000").parameters().media();
        assertEquals(1, media.size());
        assertEquals(8000, media.get(0).rate());
    }
}
