package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.audiohook.connector.log.LogContext;

/**
 * The bookkeeping of one participant's streams: the current one, which audio goes to, and every one that has not
 * ended yet, since a stream that was half-closed or abandoned still delivers its last results. It numbers the
 * streams and gives utterances ids unique within the participant.
 *
 * <p>Threading: not thread-safe, its {@link ParticipantStream}'s monitor guards it. The streams' callbacks go to
 * that owner, which takes its monitor and then reports here.
 */
final class LiveStreams {
    private final StreamAttempt.Owner owner;
    private final Timers timers;
    private final LogContext logContext;
    /** Random: every participant, in every session, counts its utterances from 1; the ids go out as message ids. */
    private final String utterancePrefix = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final Set<StreamAttempt> live = new HashSet<>();
    private StreamAttempt current;
    private int generation;
    private long utterances;

    LiveStreams(StreamAttempt.Owner owner, Timers timers, LogContext logContext) {
        this.owner = owner;
        this.timers = timers;
        this.logContext = logContext;
    }

    /** The stream audio goes to; null between streams. */
    StreamAttempt current() {
        return current;
    }

    /** No current stream, and every earlier one has ended: no result is still to come. */
    boolean idle() {
        return current == null && live.isEmpty();
    }

    /**
     * Opens the next stream on {@code transport} and makes it the current one.
     *
     * @throws RuntimeException from the transport, when no call could be made; nothing is kept of the attempt then
     */
    StreamAttempt open(StreamTransport transport) {
        StreamAttempt attempt = new StreamAttempt(++generation, timers.nanoTime(), owner, this::nextUtteranceId, timers,
                logContext);
        current = attempt;
        live.add(attempt);
        try {
            attempt.call = transport.open(attempt);
        } catch (RuntimeException e) {
            live.remove(attempt);
            current = null;
            throw e;
        }
        return attempt;
    }

    /**
     * Half-closes the current stream, if there is one: it sends nothing more and stays live until its last
     * results arrive. Half-closed before it stops being current, so an error it reports at once still counts as
     * the current stream's.
     */
    void halfCloseCurrent() {
        if (current != null) {
            current.halfClose();
            current = null;
        }
    }

    /** Cancels the current stream; it stops being current first, since a cancel may report its end at once. */
    void cancelCurrent() {
        StreamAttempt attempt = current;
        current = null;
        attempt.cancel();
    }

    /**
     * A stream's call is over (an error or the end of its results).
     *
     * @return true if it was the current stream, which it no longer is
     */
    boolean ended(StreamAttempt attempt) {
        live.remove(attempt);
        if (attempt != current) {
            return false;
        }
        current = null;
        return true;
    }

    /** Cancels, after {@code delayNanos}, the streams that have not ended by now, should they still be running. */
    void cancelLeftoversAfter(long delayNanos) {
        if (!live.isEmpty()) {
            List<StreamAttempt> leftovers = new ArrayList<>(live);
            timers.schedule(() -> leftovers.forEach(StreamAttempt::cancel), delayNanos);
        }
    }

    private String nextUtteranceId() {
        return utterancePrefix + "-" + (++utterances);
    }
}
