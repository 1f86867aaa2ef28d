package io.audiohook.connector.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks that run with a call's ids in the MDC, and leave what was there before. */
class LogContextTest {
    final LogContext call = new LogContext("s1", "c1", "r1");

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
            call.run(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // what matters is the MDC afterwards
        }
        assertNull(MDC.get(LogContext.SESSION_ID));
    }
}
