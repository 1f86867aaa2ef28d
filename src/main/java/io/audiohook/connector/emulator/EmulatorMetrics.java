package io.audiohook.connector.emulator;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the emulator did, on {@code /q/metrics}, for benchmarks and tests that run it as its own process:
 * {@code dialogflow_emulator_refusals_total{rule}} counts every refusal by the rule that made it,
 * {@code dialogflow_emulator_calls_total{method}} every call it answered (after authentication), and
 * {@code dialogflow_emulator_streams_open} the StreamingAnalyzeContent streams open now.
 */
@ApplicationScoped
public class EmulatorMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger openStreams = new AtomicInteger();

    EmulatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("dialogflow.emulator.streams.open", openStreams);
    }

    void refused(String rule) {
        Counter.builder("dialogflow.emulator.refusals").tag("rule", rule)
                .description("Requests the Dialogflow emulator refused, by the rule that refused them")
                .register(registry).increment();
    }

    void call(String method) {
        Counter.builder("dialogflow.emulator.calls").tag("method", method)
                .description("Calls the Dialogflow emulator accepted").register(registry).increment();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    public int openStreams() {
        return openStreams.get();
    }
}
