package io.audiohook.connector.assist;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.audiohook.connector.call.LanguageSupport;

/**
 * What every call shares: settings, the Dialogflow clients, the event sink, the one timer pool of the
 * connector, and the latency recorders.
 *
 * @param languages where a language Dialogflow refused for a profile is told, so it is no longer offered
 * @param scheduler 1–2 threads for every timer of every call and for the start of each setup; tasks must be short
 */
public record AssistRuntime(AssistSettings settings, DialogflowClients clients, AssistEventSink sink,
        LanguageSupport languages, ScheduledExecutorService scheduler, Latencies latencies) {

    Timers timers() {
        return Timers.of(scheduler);
    }

    /**
     * What each participant stream of a call is given, with the call's own sink. The transport is resolved at each
     * open (on a timer), so that creating a call never creates the clients on its event loop.
     *
     * @param lane the call's lane ({@link DialogflowClients#laneHere()} where it was created: its connection's loop)
     */
    StreamServices streamServices(AssistEventSink callSink, Consumer<String> languageRefused, int lane) {
        return new StreamServices(settings, timers(), callbacks -> clients.streams(lane).open(callbacks), callSink,
                languageRefused, latencies);
    }

    /** The two latencies this layer adds. */
    public record Latencies(
            /** An audio frame arriving in {@code AssistCall.audio} until its last byte is handed to the stream. */
            LatencyHistogram audioToSend,
            /** A streaming response arriving until its event is handed to the sink. */
            LatencyHistogram responseToSink,
            /** Where the same measurements, stream restarts and recycles are also reported (metrics). */
            AssistMetrics metrics) {

        public static Latencies create() {
            return create(AssistMetrics.NONE);
        }

        public static Latencies create(AssistMetrics metrics) {
            return new Latencies(new LatencyHistogram(), new LatencyHistogram(), metrics);
        }

        void audioToSend(long nanos) {
            audioToSend.record(nanos);
            metrics.audioToRequest(nanos);
        }

        void responseToSink(long nanos) {
            responseToSink.record(nanos);
            metrics.responseToEvent(nanos);
        }
    }
}
