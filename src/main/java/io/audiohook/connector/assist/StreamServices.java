package io.audiohook.connector.assist;

/**
 * What every participant stream shares: settings, timers, the transport to Dialogflow, where events go, and the
 * latency recorders. Production builds it from the {@link AssistRuntime}; unit tests from doubles.
 */
record StreamServices(AssistSettings settings, Timers timers, StreamTransport transport, AssistEventSink sink,
        AssistRuntime.Latencies latencies) {

    AssistMetrics metrics() {
        return latencies.metrics();
    }
}
