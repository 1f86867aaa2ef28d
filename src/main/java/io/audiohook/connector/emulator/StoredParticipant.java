package io.audiohook.connector.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * One participant of a conversation, with the counters tests compare against what a client sent: its
 * totals and its most recent {@value #STREAMS_KEPT} streams.
 *
 * <p>Thread-safe: its streams count from their own threads (atomics), the list of streams has its own lock,
 * and tests read {@link #stats()} at any time.
 */
final class StoredParticipant {
    /** Enough for any test to look back over a call; bounds what a long-lived emulator keeps per participant. */
    static final int STREAMS_KEPT = 100;

    final String name;
    final Participant.Role role;
    final StoredConversation conversation;
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final AtomicLong audioBytes = new AtomicLong();
    private final AtomicInteger utterances = new AtomicInteger();
    private final Deque<StreamRecord> streams = new ArrayDeque<>();

    StoredParticipant(String name, Participant.Role role, StoredConversation conversation) {
        this.name = name;
        this.role = role;
        this.conversation = conversation;
    }

    Participant toProto() {
        return Participant.newBuilder().setName(name).setRole(role).build();
    }

    /** A stream's configuration request was accepted; the oldest record goes once {@value #STREAMS_KEPT} are kept. */
    StreamRecord openStream(long number, String language, String model, AudioEncoding encoding, int sampleRateHertz) {
        streamsOpened.incrementAndGet();
        StreamRecord stream = new StreamRecord(this, number, language, model, encoding, sampleRateHertz);
        synchronized (streams) {
            if (streams.size() >= STREAMS_KEPT) {
                streams.removeFirst();
            }
            streams.addLast(stream);
        }
        return stream;
    }

    /** Called by its {@link StreamRecord}s only. */
    void countAudio(int bytes) {
        audioBytes.addAndGet(bytes);
    }

    /** Called by its {@link StreamRecord}s only: the conversation's count decides the next script line. */
    void countUtterance() {
        utterances.incrementAndGet();
        conversation.finalized(role).incrementAndGet();
    }

    ParticipantStats stats() {
        List<StreamStats> list;
        synchronized (streams) {
            list = streams.stream().map(StreamRecord::stats).toList();
        }
        return new ParticipantStats(name, role, conversation.name, streamsOpened.get(), audioBytes.get(),
                utterances.get(), list);
    }
}
