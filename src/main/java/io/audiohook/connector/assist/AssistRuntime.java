package io.audiohook.connector.assist;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call shares: settings, the Dialogflow clients, the event sink, the one timer pool of the
 * connector, and the latency recorders.
 *
 * @param scheduler 1–2 threads for every timer of every call and for the start of each setup; tasks must be short
 */
public record AssistRuntime(AssistSettings settings, DialogflowClients clients, AssistEventSink sink,
        ScheduledExecutorService scheduler, Latencies latencies) {

    /** The two latencies this layer adds. */
    public record Latencies(
            /** An audio frame arriving in {@code AssistCall.audio} until its last byte is handed to the stream. */
            LatencyHistogram audioToSend,
            /** A streaming response arriving until its event is handed to the sink. */
            LatencyHistogram responseToSink) {

        public static Latencies create() {
            return new Latencies(new LatencyHistogram(), new LatencyHistogram());
        }
    }
}
