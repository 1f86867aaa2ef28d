package io.audiohook.connector.assist;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to one participant's audio. Always {@code received + replayed = sent + dropped + waiting}, where
 * only replays actually sent count as replayed: a queued replay that is discarded was a copy, not a loss. Bytes are
 * of the encoding Dialogflow is sent (1, 2 or 4 per 8 kHz sample), received ones counted as converted.
 * Readable from any thread while the call goes on.
 */
public final class ParticipantCounters {
    final AtomicLong streamsOpened = new AtomicLong();
    final AtomicLong recycles = new AtomicLong();
    final Map<String, LongAdder> restarts = new ConcurrentHashMap<>();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong lookbackReplayed = new AtomicLong();
    final AtomicLong bytesDropped = new AtomicLong();
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong languageFallbacks = new AtomicLong();
    final AtomicLong slowdowns = new AtomicLong();
    /** Utterances Dialogflow analysed and stored as messages (what a summary is made of). */
    final AtomicLong messages = new AtomicLong();
    volatile String gaveUp;

    void restart(String code) {
        restarts.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public long streamsOpened() {
        return streamsOpened.get();
    }

    public long recycles() {
        return recycles.get();
    }

    /** Streams reopened after an error or an unexpected end, by gRPC status code name. */
    public Map<String, Long> restarts() {
        Map<String, Long> copy = new TreeMap<>();
        restarts.forEach((code, n) -> copy.put(code, n.sum()));
        return copy;
    }

    public long restarts(String code) {
        LongAdder n = restarts.get(code);
        return n == null ? 0 : n.sum();
    }

    /** Audio bytes that came from Genesys for this participant. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Audio bytes handed to Dialogflow streams, replays included. */
    public long bytesSent() {
        return bytesSent.get();
    }

    public long lookbackReplayed() {
        return lookbackReplayed.get();
    }

    /** Audio bytes never sent: buffer overflow, a stopped participant, a session that ended with audio waiting. */
    public long bytesDropped() {
        return bytesDropped.get();
    }

    /** Streams abandoned because they never became ready to take audio (no free slot on their connection). */
    public long stalls() {
        return stalls.get();
    }

    /** Times a refused call language was replaced by the profile's. */
    public long languageFallbacks() {
        return languageFallbacks.get();
    }

    /** Times Dialogflow said the audio came too fast and the pace dropped to real time. */
    public long slowdowns() {
        return slowdowns.get();
    }

    /** Utterances of this participant that Dialogflow stored as messages. */
    public long messages() {
        return messages.get();
    }

    /** The status code this participant was given up for, if it was. */
    public java.util.Optional<String> gaveUp() {
        return java.util.Optional.ofNullable(gaveUp);
    }

    @Override
    public String toString() {
        return "streams=" + streamsOpened() + " recycles=" + recycles() + " restarts=" + restarts() + " received="
                + bytesReceived() + " sent=" + bytesSent() + " replayed=" + lookbackReplayed() + " dropped="
                + bytesDropped() + (stalls() > 0 ? " stalls=" + stalls() : "")
                + (languageFallbacks() > 0 ? " fallbacks=" + languageFallbacks() : "")
                + (slowdowns() > 0 ? " slowdowns=" + slowdowns() : "") + (gaveUp != null ? " gaveUp=" + gaveUp : "");
    }
}
