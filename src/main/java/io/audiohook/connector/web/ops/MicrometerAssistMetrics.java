package io.audiohook.connector.web.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.audiohook.connector.assist.AssistMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The assist layer's measurements as Micrometer meters. The two latency timers publish a percentile histogram so
 * Prometheus gets {@code _bucket} series (window percentiles from bucket deltas).
 */
public final class MicrometerAssistMetrics implements AssistMetrics {
    public static final String AUDIO_TO_REQUEST = "audiohook.assist.audio.to.request";
    public static final String RESPONSE_TO_EVENT = "audiohook.assist.response.to.event";
    public static final String RESTARTS = "audiohook.assist.stream.restarts";
    public static final String RECYCLES = "audiohook.assist.stream.recycles";

    private final MeterRegistry registry;
    private final Timer audioToRequest;
    private final Timer responseToEvent;
    private final Counter recycles;
    private final Map<String, Counter> restarts = new ConcurrentHashMap<>();

    public MicrometerAssistMetrics(MeterRegistry registry) {
        this.registry = registry;
        audioToRequest = latencyTimer(registry, AUDIO_TO_REQUEST,
                "an audio frame arriving until its last byte is handed to a Dialogflow stream");
        responseToEvent = latencyTimer(registry, RESPONSE_TO_EVENT,
                "a Dialogflow streaming response arriving until its event is handed to the publisher");
        recycles = Counter.builder(RECYCLES).description("Dialogflow streams replaced before their duration limit")
                .register(registry);
    }

    /**
     * A timer with a percentile histogram from 5 µs to 2 min: the capacity benchmark measured both assist paths in
     * the tens of microseconds, so coarser low buckets would hide them.
     */
    public static Timer latencyTimer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(5_000)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    @Override
    public void audioToRequest(long nanos) {
        audioToRequest.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void responseToEvent(long nanos) {
        responseToEvent.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void restart(String code) {
        restarts.computeIfAbsent(code, c -> Counter.builder(RESTARTS)
                .description("Dialogflow streams reopened after an error, by gRPC status code").tag("code", c)
                .register(registry)).increment();
    }

    @Override
    public void recycle() {
        recycles.increment();
    }
}
