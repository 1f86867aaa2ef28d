package io.audiohook.connector.assist;

import java.time.Duration;

import com.google.protobuf.ByteString;

import io.audiohook.connector.audio.RecognizerAudio;
import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.audio.Timeline;

/**
 * One participant's audio between Genesys and its current stream: the bounded backlog, the look-back of what the
 * current stream carried, the pacer, and the byte accounting ({@code received + replayed = sent + dropped +
 * waiting}). Genesys' frames are converted to the encoding sent to Dialogflow as they enter, once per frame (on
 * the event loop, under the participant's lock, so the upsampler's state follows the audio in order); from there
 * every byte here is of the encoding sent, and converts to time by
 * {@link RecognizerEncoding#bytesPerTimelineSample()}: bytes per 1/8000 s, whatever the rate sent, so that positions
 * on the AudioHook timeline and Dialogflow's offsets agree. Not thread-safe: its {@link ParticipantStream} guards it.
 */
final class ParticipantAudio {
    /** Bytes of one AudioHook timeline sample (1/8000 s) in the encoding sent: 1, 2 or 4. */
    private final int unit;
    private final RecognizerAudio conversion;
    private final ParticipantCounters counters;
    private final AssistRuntime.Latencies latencies;
    private final int bytesPerSecond;
    private final int chunkBytes;
    private final int lookbackBytes;
    private final AudioBacklog backlog;
    private final LookbackRing ring;
    private final Pacer pacer;
    private final TakenRuns taken = new TakenRuns();
    /** Bytes still to go before the cut (the audio before a pause or a language change ends its stream); -1: none. */
    private long untilCut = -1;

    /** @param received what AudioHook negotiated; @param sent what Dialogflow is sent ({@code sentFor} it) */
    ParticipantAudio(SampleFormat received, RecognizerEncoding sent, AssistSettings settings,
            ParticipantCounters counters, AssistRuntime.Latencies latencies, long nowNanos) {
        this.unit = sent.bytesPerTimelineSample();
        this.conversion = new RecognizerAudio(received, sent);
        this.counters = counters;
        this.latencies = latencies;
        AssistSettings.Streaming streaming = settings.streaming();
        this.bytesPerSecond = Timeline.RATE * unit;
        this.chunkBytes = Math.max(unit, bytesFor(streaming.chunk()));
        this.lookbackBytes = bytesFor(streaming.lookback());
        this.backlog = new AudioBacklog(Math.max(chunkBytes, bytesFor(settings.preSetupBuffer())), unit);
        this.ring = new LookbackRing(lookbackBytes);
        this.pacer = new Pacer(bytesPerSecond, streaming.catchUpRate(), Math.max(4 * chunkBytes, bytesPerSecond / 2),
                nowNanos);
    }

    /** Whole timeline samples, so that no size derived from it splits one. */
    private int bytesFor(Duration d) {
        long samples = d.toNanos() * Timeline.RATE / 1_000_000_000L;
        return (int) Math.min(Integer.MAX_VALUE / 2 / unit * unit, samples * unit);
    }

    int bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Bytes of 1/8000 s of audio. */
    int bytesPerTimelineSample() {
        return unit;
    }

    /**
     * Audio from Genesys; the oldest is dropped (and counted) beyond the bound.
     *
     * @param frame    this participant's share of one frame, as AudioHook negotiated it
     * @param position the timeline position of its first sample
     */
    void received(byte[] frame, long arrivalNanos, long position) {
        byte[] data = conversion.convert(frame);
        counters.bytesReceived.addAndGet(data.length);
        int before = backlog.size();
        drop(backlog.add(data, arrivalNanos, position));
        if (untilCut > 0) { // what the bound took from the head (copies included) was before the cut
            untilCut = Math.max(0, untilCut - (before + data.length - backlog.size()));
        }
    }

    /** Everything queued now ends the current stream; what comes later goes on the next. */
    void cut() {
        if (untilCut < 0) {
            untilCut = backlog.size();
        }
    }

    /** Audio from before a cut is still to go. */
    boolean beforeCut() {
        return untilCut > 0;
    }

    /** The audio before the cut went: the stream may be half-closed. */
    boolean atCut() {
        return untilCut == 0;
    }

    /** The cut was reached. */
    void uncut() {
        untilCut = -1;
    }

    /** Audio from Genesys that no stream will ever take (the participant stopped), counted as if converted. */
    void refused(byte[] frame) {
        int bytes = conversion.convertedLength(frame.length);
        counters.bytesReceived.addAndGet(bytes);
        drop(bytes);
    }

    /** Genesys audio waiting; look-back copies queued for replay are not counted (they were counted once). */
    int waiting() {
        return backlog.size() - backlog.replayAtHead();
    }

    /** Everything queued for the stream, replay included. */
    int queued() {
        return backlog.size();
    }

    /**
     * The size of the next request; 0 for none yet. A chunk, except that up to one more chunk rides along with the
     * last whole one (so requests hold one to two chunks): a remainder left behind would wait for the next frame
     * (after a look-back replay of an odd length every frame would wait like that), and two chunks that arrived
     * together gain nothing from two requests. Genesys' 200 ms frames are thus one request each, as Google's own
     * connector sends them, not two back to back. Less than a chunk goes only with {@code flushTail}.
     */
    int nextChunk(boolean flushTail) {
        int size = untilCut < 0 ? backlog.size() : (int) Math.min(backlog.size(), untilCut);
        if (size < chunkBytes) {
            return flushTail || untilCut >= 0 ? size : 0;
        }
        return size <= 2 * chunkBytes ? size : chunkBytes;
    }

    /** @return 0 if {@code n} bytes may go now, else how long the pacer wants to wait */
    long waitNanos(int n, long nowNanos) {
        return pacer.waitNanos(n, nowNanos);
    }

    /** Takes the next {@code n} bytes: paced; {@link #sent} counts them and keeps them for look-back. */
    ByteString take(int n, long nowNanos) {
        taken.reset(nowNanos);
        ByteString chunk = backlog.take(n, taken);
        pacer.take(n);
        if (untilCut > 0) {
            untilCut = Math.max(0, untilCut - n);
        }
        return chunk;
    }

    /**
     * The chunk {@link #take} returned went on {@code attempt}: where its samples sit on the timeline joins the
     * stream's clock, the bytes its look-back.
     *
     * @param replayed how many of the bytes were look-back copies, as {@link #replayAtHead()} said before taking
     */
    void sent(StreamAttempt attempt, ByteString chunk, int replayed) {
        taken.carriedOn(attempt.clock);
        ring.write(chunk);
        counters.bytesSent.addAndGet(chunk.size());
        counters.lookbackReplayed.addAndGet(replayed);
        attempt.bytesOnStream += chunk.size();
    }

    int replayAtHead() {
        return backlog.replayAtHead();
    }

    /** A new stream starts with an empty look-back. */
    void streamOpened() {
        ring.clear();
    }

    /** Replays what {@code attempt} carried after its last final result (at most the look-back) on the next stream. */
    void replayAfterLastFinal(StreamAttempt attempt, boolean modelAllowsReplay) {
        if (!modelAllowsReplay || lookbackBytes == 0) {
            return;
        }
        byte[] copies = ring.tail(Math.min(lookbackBytes, attempt.bytesOnStream - attempt.lastFinalEndBytes));
        int before = backlog.size();
        drop(backlog.addFirst(copies, attempt.clock.tail(copies.length / unit)));
        if (untilCut >= 0) {
            untilCut += backlog.size() - before; // the copies that stayed are from before the cut
        }
    }

    /** From now on a backlog drains at real time (Dialogflow said the audio came too fast). */
    void realTimeOnly() {
        pacer.setRate(1.0);
    }

    /** How long what is queued takes to drain at the current rate. */
    long drainNanos() {
        return pacer.drainNanos(backlog.size());
    }

    /** Nothing waiting will be sent: counted as dropped, replayed copies excepted. */
    void discard() {
        drop(backlog.clear());
        if (untilCut > 0) {
            untilCut = 0;
        }
    }

    /** All of this participant's audio dropped so far, in seconds of audio. */
    double droppedSeconds() {
        return counters.bytesDropped.get() / (double) bytesPerSecond;
    }

    void drop(long bytes) {
        if (bytes > 0) {
            counters.bytesDropped.addAndGet(bytes);
            latencies.metrics().audioDropped(bytes / (double) bytesPerSecond);
        }
    }

    /** The stream's age for the duration limit: audio sent on it, or wall time if that is larger. */
    long age(StreamAttempt attempt, long nowNanos) {
        long audioNanos = attempt.bytesOnStream * 1_000_000_000L / bytesPerSecond;
        return Math.max(audioNanos, nowNanos - attempt.openedNanos);
    }

    /** What the last {@link #take} took, until {@link #sent} commits it: reused, so taking allocates nothing. */
    private final class TakenRuns implements AudioBacklog.Taken {
        private long nowNanos;
        private long[] runs = new long[8];
        private int count;

        void reset(long now) {
            nowNanos = now;
            count = 0;
        }

        @Override
        public void frameSent(long arrivalNanos) {
            latencies.audioToSend(nowNanos - arrivalNanos);
        }

        @Override
        public void run(long position, int samples) {
            if (count == runs.length) {
                runs = java.util.Arrays.copyOf(runs, count * 2);
            }
            runs[count++] = position;
            runs[count++] = samples;
        }

        void carriedOn(StreamClock clock) {
            for (int k = 0; k < count; k += 2) {
                clock.carried(runs[k], runs[k + 1]);
            }
            count = 0;
        }
    }
}
