package io.audiohook.connector.assist;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * What one participant's ordinary stream lifecycle leaves behind: the counters and metrics of opened and recycled
 * streams, and the DEBUG lines of each step. Failures of the current stream are {@link Recovery}'s to count and say.
 *
 * <p>Threading: called under its {@link ParticipantStream}'s monitor; it holds no state of its own (the counters
 * are atomic, the metrics non-blocking).
 */
final class StreamLog {
    /** The state machine's own category: these lines are its steps, and that is where operators look for them. */
    private static final Logger LOG = Logger.getLogger(ParticipantStream.class);

    private final String sessionId;
    private final Participant.Role role;
    private final ParticipantCounters counters;
    private final AssistMetrics metrics;

    StreamLog(String sessionId, Participant.Role role, ParticipantCounters counters, AssistMetrics metrics) {
        this.sessionId = sessionId;
        this.role = role;
        this.counters = counters;
        this.metrics = metrics;
    }

    /** A call was made: each counts against the project's per-minute stream quota. */
    void opened() {
        counters.streamsOpened.incrementAndGet();
        metrics.streamOpened();
    }

    /** The stream took its configuration; {@code queued} bytes wait for it. */
    void configured(StreamAttempt attempt, String language, int queued) {
        LOG.debugf("session %s: %s stream %d opened (%s, %d bytes waiting)", sessionId, role, attempt.id, language,
                queued);
    }

    /** No call could be made: the clients are closed. */
    void notOpened(RuntimeException e) {
        LOG.debugf("session %s: %s stream not opened: %s", sessionId, role, e.toString());
    }

    /** Replaced before Dialogflow's duration limit, at {@code ageNanos} (see {@link ParticipantAudio#age}). */
    void recycled(StreamAttempt old, long ageNanos) {
        counters.recycles.incrementAndGet();
        metrics.recycle();
        LOG.debugf("session %s: %s stream %d recycled after %d ms", sessionId, role, old.id, ageNanos / 1_000_000);
    }

    /** A stream already half-closed or abandoned ended: its successor carries on, so this is no failure. */
    void endedAfterHalfClose(StreamAttempt attempt, StatusCode.Code code) {
        LOG.debugf("session %s: %s stream %d ended with %s after half-close", sessionId, role, attempt.id, code);
    }

    void finishTimedOut(int queued) {
        LOG.debugf("session %s: %s stream did not finish in time (%d bytes waiting)", sessionId, role, queued);
    }
}
