package io.audiohook.connector.web;

import java.time.Instant;

import io.audiohook.connector.call.CallSession;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.log.TraceContext;
import io.audiohook.connector.protocol.ProtocolSession;

/**
 * One connected session of this instance: its protocol state machine, the call it carries, the trace of its
 * upgrade request (null: none), and what of its counters the meters already have.
 */
public record LiveSession(ProtocolSession protocol, CallSession call, String correlationId, TraceContext trace,
        Instant started, Reported reported) {

    LiveSession(ProtocolSession protocol, CallSession call, String correlationId, TraceContext trace,
            Instant started) {
        this(protocol, call, correlationId, trace, started, new Reported());
    }

    /** The ids for the log lines of this session; the conversation id once {@code open} told it. */
    LogContext logContext() {
        LogContext context = reported.logContext;
        if (context == null || context.conversationId() == null) {
            String conversation = protocol.openParameters().map(o -> o.conversationId()).orElse(null);
            context = new LogContext(protocol.sessionId(), conversation, correlationId, trace);
            reported.logContext = context;
        }
        return context;
    }

    /** What of a session's counters {@link SessionMeters} already has, and its log ids. Guarded by itself. */
    static final class Reported {
        long audioBytes;
        long droppedBytes;
        boolean openRecorded;
        private volatile LogContext logContext;
    }
}
