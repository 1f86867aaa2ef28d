package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;

import io.audiohook.connector.log.LogContext;

/**
 * The summary of a conversation whose call ended with {@code close}/{@code end}: asked of Dialogflow after
 * {@code closed} went out (Genesys never waits for it), within {@code timeout}, and handed to the call's sink
 * (the desktop, the transcript store). Skipped, and counted, when the profile cannot summarize or the
 * conversation is too short. Never fails: whatever happens, the returned future completes and the conversation
 * is completed after it.
 */
final class EndOfCallSummary {
    private static final Logger LOG = Logger.getLogger(EndOfCallSummary.class);

    private final AssistSettings.Summary settings;
    private final DialogflowClients clients;
    private final AssistMetrics metrics;
    private final LongSupplier nanoTime;
    private final SummaryGenerators generators;

    /**
     * @param logContext the call's ids, entered around what is logged (the answers arrive on an event loop that
     *                   serves other calls too)
     * @param messages   final utterances of the conversation Dialogflow stored, over all its sessions here
     * @param closedNanos when {@code closed} went out, for the latency
     * @param sink       where the call's events go
     * @param lane       the call's lane, where the request goes
     */
    record Request(String sessionId, String conversationName, String agentParticipant, ConversationProfile profile,
            long messages, long closedNanos, AssistEventSink sink, LogContext logContext, int lane) {
    }

    EndOfCallSummary(AssistSettings.Summary settings, DialogflowClients clients, AssistMetrics metrics,
            LongSupplier nanoTime) {
        this.settings = settings;
        this.clients = clients;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.generators = new SummaryGenerators(request -> clients.generators().getGeneratorCallable()
                .futureCall(request));
    }

    CompletableFuture<Void> summarize(Request request) {
        Optional<SummaryRequests.Kind> kind = settings.enabled() ? SummaryRequests.kind(request.profile())
                : Optional.empty();
        if (kind.isEmpty()) {
            return done(request, SummaryOutcome.SKIPPED_NO_SUMMARIZATION);
        }
        if (request.messages() < settings.minUtterances()) {
            return done(request, SummaryOutcome.SKIPPED_SHORT);
        }
        if (kind.get() == SummaryRequests.Kind.FEATURE) {
            return answer(request, ask(kind.get(), request));
        }
        return generators.of(request.profile().getHumanAgentAssistantConfig().getHumanAgentSuggestionConfig()
                .getGeneratorsList()).thenCompose(found -> {
                    if (found.summarizes()) {
                        return answer(request, ask(kind.get(), request));
                    }
                    if (found.unreadable()) {
                        request.logContext().run(() -> LOG.warnf("session %s: no summary of conversation %s: its "
                                + "profile's generators could not be read (GetGenerator failed), so none is known to "
                                + "summarize", request.sessionId(), request.conversationName()));
                        return done(request, SummaryOutcome.FAILED);
                    }
                    return done(request, SummaryOutcome.SKIPPED_NO_SUMMARIZATION);
                });
    }

    /** The answer of Dialogflow, or why there is none, to the sink and the metrics. */
    private CompletableFuture<Void> answer(Request request, CompletableFuture<Optional<ConversationSummary>> asked) {
        return asked.handle((summary, error) -> {
            try (LogContext.Scope scope = request.logContext().enter()) {
                SummaryOutcome outcome = error != null ? failure(request, error)
                        : summary.isEmpty() ? SummaryOutcome.EMPTY : SummaryOutcome.PUBLISHED;
                if (error == null) {
                    summary.ifPresent(s -> publish(request, s));
                }
                return outcome;
            }
        }).thenCompose(outcome -> done(request, outcome));
    }

    /** Never throws: a call that cannot even start fails the future. */
    private CompletableFuture<Optional<ConversationSummary>> ask(SummaryRequests.Kind kind, Request request) {
        try {
            return call(kind, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Optional<ConversationSummary>> call(SummaryRequests.Kind kind, Request request) {
        // one bound for the attempts and the retries of UNAVAILABLE between them (Google's defaults allow 60 s): gax
        // gives each attempt what is left of the total, unless the context sets an attempt timeout of its own
        GrpcCallContext deadline = GrpcCallContext.createDefault()
                .withRetrySettings(RetrySettings.newBuilder().setTotalTimeoutDuration(settings.timeout())
                        .setInitialRpcTimeoutDuration(settings.timeout()).setMaxRpcTimeoutDuration(settings.timeout())
                        .setRpcTimeoutMultiplier(1.0).setInitialRetryDelayDuration(Duration.ofMillis(200))
                        .setRetryDelayMultiplier(2.0).setMaxRetryDelayDuration(Duration.ofSeconds(1))
                        .setMaxAttempts(3).build());
        String name = request.conversationName();
        String agent = request.agentParticipant();
        if (kind == SummaryRequests.Kind.FEATURE) {
            return Futures.of(clients.conversations(request.lane()).suggestConversationSummaryCallable()
                    .futureCall(SummaryRequests.feature(name), deadline))
                    .thenApply(r -> SummaryRequests.of(r, name, agent, nanoTime.getAsLong()));
        }
        return Futures.of(clients.conversations(request.lane()).generateSuggestionsCallable()
                .futureCall(SummaryRequests.generators(name), deadline))
                .thenApply(r -> SummaryRequests.of(r, name, agent, nanoTime.getAsLong()));
    }

    private void publish(Request request, ConversationSummary summary) {
        try {
            request.sink().accept(summary);
        } catch (RuntimeException e) {
            LOG.warnf("event sink failed: %s", e.toString());
        }
    }

    private SummaryOutcome failure(Request request, Throwable error) {
        StatusCode.Code code = Futures.code(error);
        SummaryOutcome outcome = code == StatusCode.Code.DEADLINE_EXCEEDED ? SummaryOutcome.TIMED_OUT
                : SummaryOutcome.FAILED;
        LOG.warnf("session %s: no summary of conversation %s: %s (%s); the conversation is completed without it",
                request.sessionId(), request.conversationName(),
                outcome == SummaryOutcome.TIMED_OUT ? "Dialogflow did not answer within " + settings.timeout().toMillis()
                        + " ms" : "Dialogflow answered " + code, firstLine(Futures.description(error)));
        LOG.debugf(error, "session %s: summary failure", request.sessionId());
        return outcome;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private CompletableFuture<Void> done(Request request, SummaryOutcome outcome) {
        long afterClosed = nanoTime.getAsLong() - request.closedNanos();
        metrics.summary(outcome, afterClosed);
        request.logContext().run(() -> {
            if (outcome == SummaryOutcome.PUBLISHED) {
                LOG.infof("session %s: summary of conversation %s published %d ms after closed", request.sessionId(),
                        request.conversationName(), afterClosed / 1_000_000);
            } else {
                LOG.debugf("session %s: summary of conversation %s: %s", request.sessionId(),
                        request.conversationName(), outcome.label());
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}
