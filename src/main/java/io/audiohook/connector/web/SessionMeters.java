package io.audiohook.connector.web;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.MediaOffer;
import io.audiohook.connector.protocol.SessionCounters;
import io.audiohook.connector.protocol.SessionEnd;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The sessions' meters: how many are live, how long {@code open} took to answer, audio received and dropped per
 * channel (in seconds, reported on every tick and at the end), and how sessions ended. Thread-safe.
 */
final class SessionMeters {
    private final MeterRegistry meters;
    private final Counter droppedBytes;
    private final Counter droppedFrames;
    private final Counter refusedForCapacity;
    private final Timer openToOpened;
    private final Map<Channel, Counter> receivedSeconds = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> droppedSeconds = new EnumMap<>(Channel.class);

    SessionMeters(MeterRegistry meters, AtomicInteger active) {
        this.meters = meters;
        meters.gauge("audiohook.sessions.active", active);
        droppedBytes = meters.counter("audiohook.audio.dropped.bytes");
        droppedFrames = meters.counter("audiohook.audio.dropped.frames");
        refusedForCapacity = meters.counter("audiohook.upgrades.refused", "reason", "capacity");
        openToOpened = Timer.builder("audiohook.session.open.to.opened")
                .description("open received until opened handed to the transport").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        for (Channel channel : Channel.values()) {
            receivedSeconds.put(channel, Counter.builder("audiohook.audio.received.seconds").baseUnit("seconds")
                    .description("audio received from Genesys, per channel").tag("channel", channel.wireName())
                    .register(meters));
            droppedSeconds.put(channel, Counter.builder("audiohook.audio.dropped.seconds").baseUnit("seconds")
                    .description("audio received but dropped (paused, closing, bad frames), per channel")
                    .tag("channel", channel.wireName()).register(meters));
        }
    }

    void refusedForCapacity() {
        refusedForCapacity.increment();
    }

    /** Records how long {@code open} took to answer, once per session, as soon as it is known. */
    void openAnswered(LiveSession live) {
        LiveSession.Reported reported = live.reported();
        synchronized (reported) {
            if (reported.openRecorded) {
                return;
            }
            long nanos = live.protocol().openToOpenedNanos();
            if (nanos >= 0) {
                reported.openRecorded = true;
                openToOpened.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Adds what the session received and dropped since the last report to the per-channel audio counters. The
     * session's state is read before the report's lock is taken, never under it: the session's lock is held while it
     * ends, and its end reports too (the tick and a closing socket run on different threads). Counters only grow, so a
     * reading older than the last report adds nothing.
     */
    void reportAudio(LiveSession live) {
        MediaOffer media = live.protocol().media().orElse(null);
        if (media == null) {
            return;
        }
        SessionCounters counters = live.protocol().counters();
        long received;
        long dropped;
        LiveSession.Reported reported = live.reported();
        synchronized (reported) {
            received = Math.max(0, counters.audioBytes() - reported.audioBytes);
            dropped = Math.max(0, counters.droppedBytes() - reported.droppedBytes);
            reported.audioBytes += received;
            reported.droppedBytes += dropped;
        }
        double bytesPerSecond = (double) media.bytesPerSampleFrame() * media.rate();
        for (Channel channel : media.channels()) {
            if (received > 0) {
                receivedSeconds.get(channel).increment(received / bytesPerSecond);
            }
            if (dropped > 0) {
                droppedSeconds.get(channel).increment(dropped / bytesPerSecond);
            }
        }
    }

    /** The session's last audio report, its dropped frames, and its outcome. */
    void ended(LiveSession live, SessionEnd end) {
        reportAudio(live);
        SessionCounters counters = live.protocol().counters();
        if (counters.droppedFrames() > 0) {
            droppedFrames.increment(counters.droppedFrames());
            droppedBytes.increment(counters.droppedBytes());
        }
        meters.counter("audiohook.sessions.ended", "outcome", end.outcome().metricName(), "probe",
                Boolean.toString(live.call().isProbe())).increment();
    }
}
