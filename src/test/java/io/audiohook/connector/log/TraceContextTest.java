package io.audiohook.connector.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Both trace headers Cloud Run sets on a request, as Cloud Logging wants them; anything malformed is no trace. */
class TraceContextTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void xCloudTraceContextGivesTheSpanInHexAndTheSampledFlag() {
        TraceContext t = TraceContext.parse(TRACE + "/12345678901234567890;o=1", null).orElseThrow();
        assertEquals(TRACE, t.traceId());
        assertEquals("ab54a98ceb1f0ad2", t.spanId(), "12345678901234567890 in hex, 16 digits");
        assertTrue(t.sampled());
        assertEquals("000000000000007b", TraceContext.parse(TRACE + "/123;o=0", null).orElseThrow().spanId(),
                "zero-padded to 16 digits");
        assertFalse(TraceContext.parse(TRACE + "/123;o=0", null).orElseThrow().sampled());
    }

    @Test
    void xCloudTraceContextWithoutSpanOrOptions() {
        TraceContext bare = TraceContext.parse(TRACE, null).orElseThrow();
        assertNull(bare.spanId());
        assertFalse(bare.sampled(), "no o=: not sampled");
        assertNull(TraceContext.parse(TRACE + "/0;o=1", null).orElseThrow().spanId(), "span 0 means none");
        assertEquals("ffffffffffffffff",
                TraceContext.parse(TRACE + "/18446744073709551615", null).orElseThrow().spanId(), "2^64 - 1");
    }

    @Test
    void traceparentWhenThereIsNoXCloudTraceContext() {
        TraceContext t = TraceContext.parse(null, "00-" + TRACE + "-00f067aa0ba902b7-01").orElseThrow();
        assertEquals(new TraceContext(TRACE, "00f067aa0ba902b7", true, null), t);
        assertFalse(TraceContext.parse(null, "00-" + TRACE + "-00f067aa0ba902b7-00").orElseThrow().sampled());
        assertTrue(TraceContext.parse(null, "00-" + TRACE + "-00f067aa0ba902b7-03").orElseThrow().sampled(),
                "bit 0 of the flags");
        assertEquals("00f067aa0ba902b7", TraceContext.parse(null, "01-" + TRACE + "-00f067aa0ba902b7-01-later")
                .orElseThrow().spanId(), "a later version's extra fields are not read");
    }

    @Test
    void xCloudTraceContextWinsAndAMalformedOneFallsBackToTraceparent() {
        String other = "0af7651916cd43dd8448eb211c80319c";
        assertEquals(TRACE, TraceContext.parse(TRACE + "/1;o=1", "00-" + other + "-00f067aa0ba902b7-01")
                .orElseThrow().traceId());
        assertEquals(other, TraceContext.parse("nonsense", "00-" + other + "-00f067aa0ba902b7-01")
                .orElseThrow().traceId());
    }

    @Test
    void upperCaseIsReadAndWrittenLowerCase() {
        TraceContext x = TraceContext.parse(TRACE.toUpperCase() + "/1;o=1", null).orElseThrow();
        assertEquals(TRACE, x.traceId());
        TraceContext w = TraceContext.parse(null, "00-" + TRACE.toUpperCase() + "-00F067AA0BA902B7-01").orElseThrow();
        assertEquals(TRACE, w.traceId());
        assertEquals("00f067aa0ba902b7", w.spanId());
        assertEquals(TRACE, TraceContext.parse("  " + TRACE + "/1  ", null).orElseThrow().traceId(), "trimmed");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "abc", TRACE + "0", "4bf92f3577b34da6a3ce929d0e0e473", // 33, 31 digits
        "4bf92f3577b34da6a3ce929d0e0e473g", "00000000000000000000000000000000/1;o=1", TRACE + "/", TRACE + "/-1",
        TRACE + "/1x", TRACE + "/18446744073709551616", TRACE + ";o=", TRACE + "/1;o=x", TRACE + "/1;o=1;x",
        TRACE + " /1" })
    void aMalformedXCloudTraceContextIsNoTrace(String header) {
        assertEquals(Optional.empty(), TraceContext.parse(header, null), header);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "00-" + TRACE + "-00f067aa0ba902b7", "00-" + TRACE + "-00f067aa0ba902b7-1",
        "00-" + TRACE + "-00f067aa0ba902b7-01-extra", "ff-" + TRACE + "-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-" + TRACE + "-0000000000000000-01",
        "00_" + TRACE + "_00f067aa0ba902b7_01", "0-" + TRACE + "-00f067aa0ba902b7-01",
        "00-" + TRACE + "-00f067aa0ba902bz-01" })
    void aMalformedTraceparentIsNoTrace(String header) {
        assertEquals(Optional.empty(), TraceContext.parse(null, header), header);
    }

    @Test
    void anOversizedHeaderIsNotRead() {
        String padded = TRACE + "/1;o=1" + " ".repeat(TraceContext.MAX_HEADER_LENGTH);
        assertEquals(Optional.empty(), TraceContext.parse(padded, null));
        assertTrue(TraceContext.parse(TRACE + "/1;o=1" + " ".repeat(10), null).isPresent());
        assertEquals(Optional.empty(), TraceContext.parse(null, "01-" + TRACE + "-00f067aa0ba902b7-01-"
                + "x".repeat(TraceContext.MAX_HEADER_LENGTH)));
        assertEquals(Optional.empty(), TraceContext.parse(null, null));
    }

    @Test
    void theFullTraceNameNeedsTheProject() {
        TraceContext t = TraceContext.parse(TRACE, null).orElseThrow();
        assertEquals(TRACE, t.resourceName(), "no project known: the bare id");
        assertEquals("projects/acme-cc/traces/" + TRACE, t.inProject("acme-cc").resourceName());
        assertEquals(TRACE, t.inProject(" ").resourceName());
        assertEquals(TRACE, t.inProject(null).resourceName());
    }
}
