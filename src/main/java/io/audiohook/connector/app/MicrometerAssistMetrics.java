package io.audiohook.connector.app;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.audiohook.connector.assist.AssistCallFactory;
import io.audiohook.connector.assist.AssistMetrics;
import io.audiohook.connector.assist.ChannelStats;
import io.audiohook.connector.assist.SummaryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
    public static final String STREAMS_OPENED = "audiohook.assist.streams.opened";
    public static final String STALLS = "audiohook.assist.stream.stalls";
    public static final String AUDIO_DROPPED = "audiohook.assist.audio.dropped";
    public static final String GIVE_UPS = "audiohook.assist.giveups";
    public static final String CHANNELS = "audiohook.assist.channels";
    public static final String SUGGESTIONS = "audiohook.assist.suggestions";
    public static final String SUGGESTION_ERRORS = "audiohook.assist.suggestion.errors";
    public static final String SUMMARIES = "audiohook.assist.summaries";
    public static final String SUMMARY_LATENCY = "audiohook.assist.summary.after.closed";

    private final MeterRegistry registry;
    private final Timer audioToRequest;
    private final Timer responseToEvent;
    private final Counter recycles;
    private final Counter streamsOpened;
    private final Counter stalls;
    private final Counter languageFallbacks;
    private final Counter slowdowns;
    private final Counter audioDropped;
    private final Map<String, Counter> restarts = new ConcurrentHashMap<>();
    private final Map<String, Counter> giveUps = new ConcurrentHashMap<>();
    private final Map<String, Counter> suggestions = new ConcurrentHashMap<>();
    private final Map<String, Counter> suggestionErrors = new ConcurrentHashMap<>();
    private final Map<SummaryOutcome, Counter> summaries = new EnumMap<>(SummaryOutcome.class);
    private final Timer summaryLatency;

    private final java.util.List<Object> retained = new java.util.concurrent.CopyOnWriteArrayList<>();

    public MicrometerAssistMetrics(MeterRegistry registry) {
        this.registry = registry;
        audioToRequest = latencyTimer(registry, AUDIO_TO_REQUEST,
                "an audio frame arriving until its last byte is handed to a Dialogflow stream");
        responseToEvent = latencyTimer(registry, RESPONSE_TO_EVENT,
                "a Dialogflow streaming response arriving until its event is handed to the publisher");
        recycles = Counter.builder(RECYCLES).description("Dialogflow streams replaced before their duration limit")
                .register(registry);
        streamsOpened = Counter.builder(STREAMS_OPENED)
                .description("StreamingAnalyzeContent streams opened (each counts against the per-minute quota)")
                .register(registry);
        stalls = Counter.builder(STALLS)
                .description("Dialogflow streams abandoned because they never became ready (no free slot)")
                .register(registry);
        languageFallbacks = Counter.builder("audiohook.assist.language.fallbacks")
                .description("Call languages Dialogflow refused, replaced by the profile's").register(registry);
        slowdowns = Counter.builder("audiohook.assist.pace.slowdowns")
                .description("Participants Dialogflow found too fast, now sending at real time").register(registry);
        audioDropped = Counter.builder(AUDIO_DROPPED).baseUnit("seconds")
                .description("Call audio no Dialogflow stream carried: backlog bound, stopped participant, call ended")
                .register(registry);
        for (SummaryOutcome outcome : SummaryOutcome.values()) {
            summaries.put(outcome, Counter.builder(SUMMARIES)
                    .description("Summaries asked for at the end of calls (close end), by what became of them")
                    .tag("outcome", outcome.label()).register(registry));
        }
        summaryLatency = Timer.builder(SUMMARY_LATENCY)
                .description("closed sent after close end until the summary was published")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
    }

    /** Channels of the stream pool, the streams they carry, and the busiest one's streams. */
    public void bindChannels(Supplier<ChannelStats> stats) {
        Gauge.builder(CHANNELS, () -> stats.get().channels()).description("gRPC channels open for Dialogflow streams")
                .register(registry);
        Gauge.builder(CHANNELS + ".streams", () -> stats.get().streams())
                .description("Dialogflow streams open over the stream channels").register(registry);
        Gauge.builder(CHANNELS + ".busiest.streams", () -> stats.get().busiest())
                .description("Streams on the busiest stream channel").register(registry);
        FunctionCounter.builder(CHANNELS + ".overcommitted", retain(stats), s -> s.get().overCap())
                .description("Streams placed on a full channel because every channel was full").register(registry);
    }

    /**
     * A function counter holds its state object weakly: a lambda or method reference made for it alone would be
     * collected, and the counter would read NaN from then on. This object lives as long as Agent Assist does.
     */
    private <T> T retain(T state) {
        retained.add(state);
        return state;
    }

    /** The conversations completed, and the ledger every instance consults before completing one. */
    public void bindCompletions(AssistCallFactory calls) {
        counter("audiohook.conversations.completed", calls::completions,
                "Dialogflow conversations completed by this instance");
        counter("audiohook.conversations.completion.failures", calls::completionFailures,
                "CompleteConversation calls that failed (retried once their claim lapses, unless final)");
        counter("audiohook.conversations.claimed", calls::claimedCompletions,
                "Conversations this instance completed because they were due: grace over, or their holder gone");
        counter("audiohook.ledger.failures", calls::ledgerFailures,
                "Operations on the conversation ledger that failed (Redis unreachable); each is retried, bounded");
        counter("audiohook.ledger.given.up", calls::ledgerGivenUp,
                "Releases and forgets not recorded within a lease: their conversations are completed late");
    }

    private void counter(String name, LongSupplier count, String description) {
        FunctionCounter.builder(name, retain(count), LongSupplier::getAsLong).description(description)
                .register(registry);
    }

    public void bindCredentialFailures(LongSupplier failures) {
        FunctionCounter.builder("audiohook.assist.credential.failures", retain(failures), LongSupplier::getAsLong)
                .description("Requests for a Dialogflow access token that failed").register(registry);
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
    public void audioDropped(double seconds) {
        audioDropped.increment(seconds);
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

    @Override
    public void streamOpened() {
        streamsOpened.increment();
    }

    @Override
    public void stall() {
        stalls.increment();
    }

    @Override
    public void giveUp(String reason) {
        giveUps.computeIfAbsent(reason, r -> Counter.builder(GIVE_UPS)
                .description("Participants whose Agent Assist stopped for good, by the gRPC code that stopped it")
                .tag("reason", r).register(registry)).increment();
    }

    @Override
    public void languageFallback() {
        languageFallbacks.increment();
    }

    @Override
    public void slowDown() {
        slowdowns.increment();
    }

    @Override
    public void suggestion(String kind, String role) {
        suggestions.computeIfAbsent(kind + '/' + role, k -> Counter.builder(SUGGESTIONS)
                .description("Suggestion results published, by kind and by whom they are for")
                .tag("kind", kind).tag("role", role).register(registry)).increment();
    }

    @Override
    public void suggestionError(String code) {
        suggestionErrors.computeIfAbsent(code, c -> Counter.builder(SUGGESTION_ERRORS)
                .description("Suggestion results that carried an error instead of suggestions, by gRPC status code")
                .tag("code", c).register(registry)).increment();
    }

    @Override
    public void summary(SummaryOutcome outcome, long nanosAfterClosed) {
        summaries.get(outcome).increment();
        if (outcome == SummaryOutcome.PUBLISHED) {
            summaryLatency.record(nanosAfterClosed, TimeUnit.NANOSECONDS);
        }
    }
}
