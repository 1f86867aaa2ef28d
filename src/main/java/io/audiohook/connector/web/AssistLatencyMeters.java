package io.audiohook.connector.web;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.audiohook.connector.assist.AssistRuntime;
import io.audiohook.connector.assist.LatencyHistogram;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Exports the assist layer's two latency histograms ({@link AssistRuntime.Latencies}) to {@code /q/metrics} as
 * cumulative counts at fixed bounds, so an outside benchmark can take bucket deltas over a window:
 * {@code connector_assist_audio_to_send_le{le="0.005"}} is the number of frames so far whose audio-to-request
 * latency was at most 5 ms ({@code le="+Inf"}: all of them); {@code connector_assist_response_to_sink_le} the same
 * for Dialogflow response to event sink. Also turns on the Prometheus histogram ({@code _bucket} series) of the
 * publisher's {@code connector.publish.latency} (Dialogflow response to Redis PUBLISH acknowledged).
 *
 * <p>Benchmark read path, kept apart from the recording code: the histograms are only read at scrape time, nothing
 * is added per frame. To be reconciled with the Micrometer timers {@code audiohook.assist.audio.to.request},
 * {@code audiohook.assist.response.to.event} and {@code audiohook.publish.latency} of the operations work.
 */
@Singleton
public class AssistLatencyMeters {
    /** Bounds in seconds. */
    static final List<Double> BOUNDS = List.of(0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02,
            0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0);

    void start(@Observes StartupEvent event, AssistBackend backend, MeterRegistry registry) {
        backend.factory().ifPresent(factory -> {
            AssistRuntime.Latencies latencies = factory.runtime().latencies();
            register(registry, "connector.assist.audio.to.send.le",
                    "audio frame arriving until handed to the Dialogflow stream: count at most le seconds",
                    latencies::audioToSend);
            register(registry, "connector.assist.response.to.sink.le",
                    "Dialogflow response arriving until its event is handed to the sink: count at most le seconds",
                    latencies::responseToSink);
        });
    }

    private static void register(MeterRegistry registry, String name, String description,
            Supplier<LatencyHistogram> histogram) {
        Snapshots snapshots = new Snapshots(histogram);
        for (double bound : BOUNDS) {
            long micros = Math.round(bound * 1_000_000);
            Gauge.builder(name, snapshots, s -> s.atMost(micros)).description(description).strongReference(true)
                    .tag("le", Double.toString(bound)).register(registry);
        }
        Gauge.builder(name, snapshots, s -> s.atMost(Long.MAX_VALUE)).description(description).strongReference(true).tag("le", "+Inf")
                .register(registry);
    }

    /** One copy of the histogram per scrape (at most every 200 ms), so all bounds of a scrape agree. */
    static final class Snapshots {
        private final Supplier<LatencyHistogram> source;
        private LatencyHistogram copy;
        private long takenNanos;

        Snapshots(Supplier<LatencyHistogram> source) {
            this.source = source;
        }

        synchronized double atMost(long micros) {
            long now = System.nanoTime();
            if (copy == null || now - takenNanos > 200_000_000L) {
                copy = source.get().snapshot();
                takenNanos = now;
            }
            return countAtMost(copy, micros);
        }
    }

    /**
     * Samples whose bucket's upper bound is at most {@code micros}, found by bisecting the rank with
     * {@link LatencyHistogram#percentile}: the histogram exposes percentiles, not its buckets.
     */
    static long countAtMost(LatencyHistogram h, long micros) {
        long n = h.count();
        if (n == 0 || micros == Long.MAX_VALUE) {
            return n;
        }
        long lo = 0;
        long hi = n;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            long upper = h.percentile((mid - 0.5) / n).toNanos() / 1000;
            if (upper <= micros) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Prometheus {@code _bucket} series for the publisher's latency timer. */
    @Produces
    @Singleton
    MeterFilter publishLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("connector.publish.latency")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
