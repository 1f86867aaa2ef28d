package io.audiohook.connector.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.audiohook.connector.protocol.Durations;

/** A call's ping bookkeeping: the ping waiting for its pong, and the last round trip, which the next ping reports. */
final class Pings {
    private long sentNanos = -1;
    private long lastRttNanos = -1;

    /** A ping is still unanswered: Genesys ends the call when the next one is due. */
    boolean overdue() {
        return sentNanos >= 0;
    }

    /** The parameters of the next ping, which counts as sent from now. */
    ObjectNode next() {
        ObjectNode parameters = Sender.parameters();
        if (lastRttNanos >= 0) {
            parameters.put("rtt", Durations.format(lastRttNanos));
        }
        sentNanos = System.nanoTime();
        return parameters;
    }

    void pong() {
        if (sentNanos >= 0) {
            lastRttNanos = System.nanoTime() - sentNanos;
            sentNanos = -1;
        }
    }
}
