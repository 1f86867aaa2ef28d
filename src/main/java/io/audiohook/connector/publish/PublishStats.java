package io.audiohook.connector.publish;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Counters of the publisher, kept as numbers for tests and exported as Micrometer meters. */
public final class PublishStats {
    private final Map<DropReason, AtomicLong> dropped = new EnumMap<>(DropReason.class);
    private final Map<DropReason, Counter> dropCounters = new EnumMap<>(DropReason.class);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong noReceivers = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong transcriptLines = new AtomicLong();
    private final Timer latency;
    private final Counter publishedCounter;
    private final Counter failureCounter;
    private final Counter noReceiversCounter;
    private final Counter transcriptCounter;

    PublishStats(MeterRegistry registry) {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new AtomicLong());
            dropCounters.put(reason, Counter.builder("audiohook.publish.dropped")
                    .description("events or transcript lines that never reached Redis")
                    .tag("reason", reason.tag()).register(registry));
        }
        latency = Timer.builder("audiohook.publish.latency")
                .description("event received from Dialogflow until Redis acknowledged the PUBLISH")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofNanos(100_000))
                .maximumExpectedValue(java.time.Duration.ofMinutes(2))
                .register(registry);
        publishedCounter = Counter.builder("audiohook.publish.published").register(registry);
        failureCounter = Counter.builder("audiohook.publish.failures")
                .description("Redis commands of the publisher that failed (retried)").register(registry);
        noReceiversCounter = Counter.builder("audiohook.publish.no.receivers")
                .description("events published while no UI-connector instance listened on the channel")
                .register(registry);
        transcriptCounter = Counter.builder("audiohook.publish.transcript.lines").register(registry);
    }

    void dropped(DropReason reason, long count) {
        if (count > 0) {
            dropped.get(reason).addAndGet(count);
            dropCounters.get(reason).increment(count);
        }
    }

    void published(long receivedNanos, long now) {
        published.incrementAndGet();
        publishedCounter.increment();
        latency.record(now - receivedNanos, TimeUnit.NANOSECONDS);
    }

    void noReceivers(long events) {
        noReceivers.addAndGet(events);
        noReceiversCounter.increment(events);
    }

    void failure() {
        failures.incrementAndGet();
        failureCounter.increment();
    }

    void transcriptLines(long lines) {
        transcriptLines.addAndGet(lines);
        transcriptCounter.increment(lines);
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason).get();
    }

    public long published() {
        return published.get();
    }

    public long noReceivers() {
        return noReceivers.get();
    }

    public long failures() {
        return failures.get();
    }

    public long transcriptLines() {
        return transcriptLines.get();
    }

    /** Publish latency percentiles so far, in milliseconds (for logs). */
    public String latencySummary() {
        var snapshot = latency.takeSnapshot();
        StringBuilder text = new StringBuilder("n=" + snapshot.count());
        for (var p : snapshot.percentileValues()) {
            text.append(String.format(" p%.0f=%.1fms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        return text.append(String.format(" max=%.1fms", snapshot.max(TimeUnit.MILLISECONDS))).toString();
    }
}
