package io.audiohook.connector.assist;

/**
 * What a call's participant streams share: settings, timers, the transport to Dialogflow, where events go, who
 * hears of a language Dialogflow refused, and the latency recorders. Production builds it from the
 * {@link AssistRuntime}; unit tests from doubles.
 */
record StreamServices(AssistSettings settings, Timers timers, StreamTransport transport, AssistEventSink sink,
        java.util.function.Consumer<String> languageRefused, AssistRuntime.Latencies latencies) {

    AssistMetrics metrics() {
        return latencies.metrics();
    }
}
