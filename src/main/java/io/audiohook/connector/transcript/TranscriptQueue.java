package io.audiohook.connector.transcript;

import java.util.ArrayDeque;
import java.util.Iterator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One session's transcript events waiting for the rate limit, in the order their results came. A final replaces
 * the interims of its utterance still waiting (superseded, not lost); a newer interim replaces an older one of the
 * same utterance in its place. Bounded: beyond the capacity the oldest interim goes first, then the oldest final.
 * Not thread-safe: its {@link TranscriptSender}'s monitor guards it.
 */
final class TranscriptQueue {
    private final int capacity;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /** An event waiting for its turn; an interim's entity may be replaced by a newer one meanwhile. */
    private static final class Waiting {
        final String utterance;
        final boolean isFinal;
        ObjectNode entity;

        Waiting(String utterance, boolean isFinal, ObjectNode entity) {
            this.utterance = utterance;
            this.isFinal = isFinal;
            this.entity = entity;
        }
    }

    /** What became of an offered event. */
    enum Offered {
        QUEUED,
        /** It took a waiting interim's place. */
        REPLACED,
        /** Queued, and to make room an older one was dropped. */
        QUEUED_DROPPING_ONE,
        /** Not queued: the queue is full of finals and it is an interim. */
        DROPPED
    }

    TranscriptQueue(int capacity) {
        this.capacity = capacity;
    }

    Offered offer(String utterance, boolean isFinal, ObjectNode entity) {
        if (isFinal) {
            waiting.removeIf(w -> !w.isFinal && w.utterance.equals(utterance));
        } else {
            for (Waiting w : waiting) {
                if (!w.isFinal && w.utterance.equals(utterance)) {
                    w.entity = entity;
                    return Offered.REPLACED;
                }
            }
        }
        Offered outcome = Offered.QUEUED;
        if (waiting.size() >= capacity) {
            if (!dropOldestInterim()) {
                if (!isFinal) {
                    return Offered.DROPPED;
                }
                waiting.pollFirst();
            }
            outcome = Offered.QUEUED_DROPPING_ONE;
        }
        waiting.addLast(new Waiting(utterance, isFinal, entity));
        return outcome;
    }

    private boolean dropOldestInterim() {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
            if (!it.next().isFinal) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** The next event to send; null when none waits. */
    ObjectNode poll() {
        Waiting next = waiting.pollFirst();
        return next == null ? null : next.entity;
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** @return how many were waiting */
    int clear() {
        int n = waiting.size();
        waiting.clear();
        return n;
    }
}
