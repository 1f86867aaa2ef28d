package io.audiohook.connector.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks that run with a call's ids (and trace) in the MDC, and leave what was there before. */
class LogContextTest {
    static final TraceContext TRACE = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true,
            "acme-cc");
    final LogContext call = new LogContext("s1", "c1", "r1");
    final LogContext traced = new LogContext("s2", "c2", "r2", TRACE);

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aWrappedTaskRunsWithTheIdsAndRestoresTheOuterOnes() {
        MDC.put(LogContext.SESSION_ID, "outer");
        List<Object> seen = new ArrayList<>();
        Runnable task = call.wrap(() -> {
            seen.add(MDC.get(LogContext.SESSION_ID));
            seen.add(MDC.get(LogContext.CONVERSATION_ID));
            seen.add(MDC.get(LogContext.CORRELATION_ID));
        });
        assertEquals(List.of(), seen, "wrapping runs nothing");
        task.run();
        assertEquals(List.of("s1", "c1", "r1"), seen);
        assertEquals("outer", MDC.get(LogContext.SESSION_ID));
        assertNull(MDC.get(LogContext.CONVERSATION_ID));
    }

    @Test
    void theIdsAreRestoredWhenTheTaskThrows() {
        try {
            traced.run(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // what matters is the MDC afterwards
        }
        for (String key : LogContext.KEYS) {
            assertNull(MDC.get(key), key);
        }
    }

    @Test
    void theTraceIsInTheMdcUnderCloudLoggingsNames() {
        try (var scope = traced.enter()) {
            assertEquals("projects/acme-cc/traces/4bf92f3577b34da6a3ce929d0e0e4736", MDC.get(LogContext.TRACE));
            assertEquals("00f067aa0ba902b7", MDC.get(LogContext.SPAN_ID));
            assertEquals("true", MDC.get(LogContext.TRACE_SAMPLED));
        }
        assertNull(MDC.get(LogContext.TRACE));
        try (var scope = traced.withConversation("c3").enter()) {
            assertEquals("c3", MDC.get(LogContext.CONVERSATION_ID));
            assertEquals("00f067aa0ba902b7", MDC.get(LogContext.SPAN_ID), "the conversation id keeps the trace");
        }
    }

    @Test
    void anUntracedCallInsideATracedOneHasNoTraceAndTheOuterComesBack() {
        try (var outer = traced.enter()) {
            call.run(() -> {
                assertEquals("s1", MDC.get(LogContext.SESSION_ID));
                assertNull(MDC.get(LogContext.TRACE), "another call's trace does not leak into this one's lines");
                assertNull(MDC.get(LogContext.SPAN_ID));
                assertNull(MDC.get(LogContext.TRACE_SAMPLED));
            });
            assertEquals("s2", MDC.get(LogContext.SESSION_ID));
            assertEquals("projects/acme-cc/traces/4bf92f3577b34da6a3ce929d0e0e4736", MDC.get(LogContext.TRACE));
            assertEquals("true", MDC.get(LogContext.TRACE_SAMPLED));
        }
        assertNull(MDC.get(LogContext.SESSION_ID));
        assertNull(MDC.get(LogContext.TRACE));
    }

    @Test
    void aTraceWithoutSpanLeavesNoSpanId() {
        LogContext bare = new LogContext("s", "c", "r",
                new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", null, false, null));
        MDC.put(LogContext.SPAN_ID, "outer-span");
        try (var scope = bare.enter()) {
            assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", MDC.get(LogContext.TRACE), "no project: the bare id");
            assertNull(MDC.get(LogContext.SPAN_ID));
            assertEquals("false", MDC.get(LogContext.TRACE_SAMPLED));
        }
        assertEquals("outer-span", MDC.get(LogContext.SPAN_ID));
    }
}
