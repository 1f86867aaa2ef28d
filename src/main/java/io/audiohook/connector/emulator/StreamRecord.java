package io.audiohook.connector.emulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;

import io.grpc.Status;

/**
 * The counters of one stream, added up into its participant's as they grow, and how the stream ended.
 *
 * <p>Written by that stream only, read by tests at any time: atomics and a volatile outcome.
 */
final class StreamRecord {
    private final StoredParticipant participant;
    private final long number;
    private final String language;
    private final String model;
    private final AudioEncoding encoding;
    private final int sampleRateHertz;
    private final AtomicLong audioBytes = new AtomicLong();
    private final AtomicInteger utterances = new AtomicInteger();
    private volatile Status.Code outcome;

    StreamRecord(StoredParticipant participant, long number, String language, String model, AudioEncoding encoding,
            int sampleRateHertz) {
        this.participant = participant;
        this.number = number;
        this.language = language;
        this.model = model;
        this.encoding = encoding;
        this.sampleRateHertz = sampleRateHertz;
    }

    void audio(int bytes) {
        audioBytes.addAndGet(bytes);
        participant.countAudio(bytes);
    }

    void utteranceFinalized() {
        utterances.incrementAndGet();
        participant.countUtterance();
    }

    /** How the stream ended; the first report wins. */
    void ended(Status.Code code) {
        if (outcome == null) {
            outcome = code;
        }
    }

    StreamStats stats() {
        return new StreamStats(number, language, model, encoding, sampleRateHertz, audioBytes.get(), utterances.get(),
                outcome);
    }
}
