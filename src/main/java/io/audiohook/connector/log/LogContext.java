package io.audiohook.connector.log;

import org.jboss.logging.MDC;

/**
 * The ids every log line of a session carries ({@code sessionId}, {@code conversationId}, {@code correlationId}),
 * put in the MDC around each entry point of the session (socket callbacks, ticks, gRPC and timer callbacks) and
 * restored afterwards, so a pooled thread never leaks one call's ids into another's lines.
 *
 * <pre>{@code try (var scope = context.enter()) { ... } }</pre>
 */
public record LogContext(String sessionId, String conversationId, String correlationId) {
    public static final String SESSION_ID = "sessionId";
    public static final String CONVERSATION_ID = "conversationId";
    public static final String CORRELATION_ID = "correlationId";

    public static final LogContext NONE = new LogContext(null, null, null);

    /** The same ids with the conversation id, once {@code open} told it. */
    public LogContext withConversation(String conversation) {
        return new LogContext(sessionId, conversation, correlationId);
    }

    /** Puts the ids in the MDC; closing the scope restores what was there before. */
    public Scope enter() {
        Object session = MDC.get(SESSION_ID);
        Object conversation = MDC.get(CONVERSATION_ID);
        Object correlation = MDC.get(CORRELATION_ID);
        set(SESSION_ID, sessionId);
        set(CONVERSATION_ID, conversationId);
        set(CORRELATION_ID, correlationId);
        return new Scope(session, conversation, correlation);
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

    private static void set(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Restores the MDC as it was before {@link #enter()}. */
    public static final class Scope implements AutoCloseable {
        private final Object session;
        private final Object conversation;
        private final Object correlation;

        private Scope(Object session, Object conversation, Object correlation) {
            this.session = session;
            this.conversation = conversation;
            this.correlation = correlation;
        }

        @Override
        public void close() {
            set(SESSION_ID, session);
            set(CONVERSATION_ID, conversation);
            set(CORRELATION_ID, correlation);
        }
    }
}
