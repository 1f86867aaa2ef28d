package io.audiohook.connector.app;

import java.util.EnumMap;
import java.util.Map;

import io.audiohook.connector.transcript.TranscriptMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Transcript events as Micrometer counters: sent, dropped by reason, and Genesys' 429 answers. */
final class MicrometerTranscriptMetrics implements TranscriptMetrics {
    static final String EVENTS = "audiohook.transcript.events";
    static final String RATE_LIMITED = "audiohook.transcript.rate.limited";

    private final Counter sent;
    private final Counter rateLimited;
    private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);

    MicrometerTranscriptMetrics(MeterRegistry registry) {
        this.sent = Counter.builder(EVENTS).tag("outcome", "sent")
                .description("transcript events sent to Genesys, or dropped and why").register(registry);
        for (Drop reason : Drop.values()) {
            dropped.put(reason, Counter.builder(EVENTS).tag("outcome", reason.metricName()).register(registry));
        }
        this.rateLimited = Counter.builder(RATE_LIMITED)
                .description("error 429 answers of Genesys to this server's events").register(registry);
    }

    @Override
    public void sent() {
        sent.increment();
    }

    @Override
    public void dropped(Drop reason) {
        dropped.get(reason).increment();
    }

    @Override
    public void rateLimited() {
        rateLimited.increment();
    }
}
