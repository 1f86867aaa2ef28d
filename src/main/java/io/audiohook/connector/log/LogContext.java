package io.audiohook.connector.log;

import java.util.List;

import org.jboss.logging.MDC;

/**
 * The ids every log line of a session carries ({@code sessionId}, {@code conversationId}, {@code correlationId}, and
 * the trace of its upgrade request under Cloud Logging's names), put in the MDC around each entry point of the
 * session (socket callbacks, ticks, gRPC and timer callbacks) and restored afterwards, so a pooled thread never leaks
 * one call's ids into another's lines. {@link CloudLoggingFields} lifts them to the top of each JSON line.
 *
 * <pre>{@code try (var scope = context.enter()) { ... } }</pre>
 *
 * @param trace the trace of the session's upgrade request, or null when it came without one
 */
public record LogContext(String sessionId, String conversationId, String correlationId, TraceContext trace) {
    public static final String SESSION_ID = "sessionId";
    public static final String CONVERSATION_ID = "conversationId";
    public static final String CORRELATION_ID = "correlationId";
    /** Cloud Logging's special fields: the line is linked to the trace (full name) and its span (16 hex digits). */
    public static final String TRACE = "logging.googleapis.com/trace";
    public static final String SPAN_ID = "logging.googleapis.com/spanId";
    public static final String TRACE_SAMPLED = "logging.googleapis.com/trace_sampled";

    /** Every MDC key a context sets (or clears, when it has no value for it). */
    public static final List<String> KEYS = List.of(SESSION_ID, CONVERSATION_ID, CORRELATION_ID, TRACE, SPAN_ID,
            TRACE_SAMPLED);

    public static final LogContext NONE = new LogContext(null, null, null, null);

    public LogContext(String sessionId, String conversationId, String correlationId) {
        this(sessionId, conversationId, correlationId, null);
    }

    /** The same ids with the conversation id, once {@code open} told it. */
    public LogContext withConversation(String conversation) {
        return new LogContext(sessionId, conversation, correlationId, trace);
    }

    /** Puts the ids in the MDC; closing the scope restores what was there before. */
    public Scope enter() {
        String[] values = values();
        Object[] before = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            String key = KEYS.get(i);
            before[i] = MDC.get(key);
            set(key, values[i]);
        }
        return new Scope(before);
    }

    /** Runs {@code task} with the ids in the MDC, then restores what was there. */
    public void run(Runnable task) {
        try (Scope scope = enter()) {
            task.run();
        }
    }

    /** {@code task} made to run with the ids in the MDC: for timer tasks and callbacks on pooled threads. */
    public Runnable wrap(Runnable task) {
        return () -> run(task);
    }

    /** In the order of {@link #KEYS}; null where this context has nothing (the key is then cleared). */
    private String[] values() {
        return new String[] { sessionId, conversationId, correlationId,
            trace == null ? null : trace.resourceName(),
            trace == null ? null : trace.spanId(),
            trace == null ? null : Boolean.toString(trace.sampled()) };
    }

    private static void set(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Restores the MDC as it was before {@link #enter()}. */
    public static final class Scope implements AutoCloseable {
        private final Object[] before;

        private Scope(Object[] before) {
            this.before = before;
        }

        @Override
        public void close() {
            for (int i = 0; i < before.length; i++) {
                set(KEYS.get(i), before[i]);
            }
        }
    }
}
