package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.CompleteConversationRequest;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.call.CallControl;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.log.LogContext;

/**
 * Agent Assist as the backend of AudioHook calls. A conversation is completed after a session that ended
 * with {@code close}/{@code end}; after any other ending it stays open for {@code completionGrace}, so that a
 * new session of the same Genesys conversation (a reconnect) continues it.
 */
public final class AssistCallFactory implements CallListenerFactory, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AssistCallFactory.class);
    /** Each of the two waits of the shutdown: a drain of 8 s and these leave some of Cloud Run's 10 s to spare. */
    private static final long SHUTDOWN_SUMMARY_WAIT_MILLIS = 1500;

    private final AssistRuntime runtime;
    private final ConversationSetup setup;
    private final PendingCompletions pending;
    private final CarriedMessages carried;
    private final EndOfCallSummary summaries;
    /** Live sessions per conversation: a grace expiring while a newer session streams must not complete it. */
    private final Map<String, Integer> live = new ConcurrentHashMap<>();
    private final int recentCalls;
    private final Map<String, AssistCall> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong completionFailures = new AtomicLong();
    private final EndedConversations<AssistCall> ended = new EndedConversations<>(AssistCall::conversationName);

    public AssistCallFactory(AssistRuntime runtime, int recentCalls) {
        this.runtime = runtime;
        this.setup = new ConversationSetup(runtime.clients(), runtime.settings().profile());
        this.pending = new PendingCompletions(runtime.settings().maxPendingCompletions(), runtime.scheduler(),
                this::completeIfIdle);
        this.carried = new CarriedMessages(runtime.settings().maxPendingCompletions());
        this.summaries = new EndOfCallSummary(runtime.settings().summary(), runtime.clients(),
                runtime.latencies().metrics(), System::nanoTime);
        this.recentCalls = recentCalls;
    }

    @Override
    public CallListener create(CallInfo info, CallControl control) {
        if (!info.assists()) {
            LOG.infof("session %s: Agent Assist is off for this call (customConfig)", info.sessionId());
            return new CallListener() {
            };
        }
        return start(new AssistCall(info, runtime, this, runtime.sink()));
    }

    /**
     * A call whose recognition results also go to {@code transcripts} (Genesys' Transcription Connector); when the
     * call turned Agent Assist off, they go there only, and nothing reaches the desktop.
     */
    public AssistCall create(CallInfo info, CallControl control, AssistEventSink transcripts) {
        AssistEventSink sink = info.assists() ? EventSinks.all(List.of(runtime.sink(), transcripts)) : transcripts;
        return start(new AssistCall(info, runtime, this, sink));
    }

    private AssistCall start(AssistCall call) {
        CallInfo info = call.info();
        String name = call.conversationName();
        if (pending.cancel(name)) {
            LOG.infof("session %s: continues a conversation that was waiting for completion", info.sessionId());
        }
        call.carry(carried.take(name));
        live.merge(name, 1, Integer::sum);
        remember(call);
        call.begin(setup);
        return call;
    }

    /**
     * @param usable            the conversation was set up and is not completed
     * @param completedAtClose  {@link AssistCall#closed} completed it already, when {@code closed} went out
     */
    void ended(AssistCall call, boolean usable, boolean endOfConversation, boolean completedAtClose) {
        String name = call.conversationName();
        Integer left = live.computeIfPresent(name, (n, count) -> count <= 1 ? null : count - 1);
        if (!usable) {
            return;
        }
        if (endOfConversation) {
            if (!completedAtClose) {
                complete(call);
            }
        } else if (left == null) {
            carried.keep(name, call.messages());
            pending.schedule(name, runtime.settings().completionGrace().toMillis());
        }
    }

    private void completeIfIdle(String conversationName) {
        if (live.containsKey(conversationName)) {
            return; // a new session took it over
        }
        carried.take(conversationName);
        send(conversationName, runtime.sink(), LogContext.NONE);
    }

    /**
     * The call ended with {@code close}/{@code end}: its conversation is summarized (bounded; skipped when the profile
     * cannot or the conversation is too short), then completed, whatever became of the summary.
     */
    void complete(AssistCall call) {
        pending.cancel(call.conversationName());
        carried.take(call.conversationName());
        Optional<ConversationProfile> profile = call.profile();
        if (profile.isEmpty() || !call.info().assists()) { // a call kept off the desktop has nobody to read it
            send(call.conversationName(), call.sink(), call.logContext());
            return;
        }
        ended.summarizing(call);
        summaries.summarize(new EndOfCallSummary.Request(call.sessionId(), call.conversationName(),
                call.participantName(Participant.Role.HUMAN_AGENT).orElse(""),
                profile.get(), call.messages(), call.closedNanos(), call.sink(), call.logContext()))
                .whenComplete((done, error) -> {
                    if (ended.take(call)) { // else the shutdown completed it already
                        send(call.conversationName(), call.sink(), call.logContext());
                    }
                });
    }

    /**
     * @param sink       where the call's events went: a call kept off the desktop does not tell it of the end either
     * @param logContext the ids of the call that ended it (none for a grace that expired): the answer arrives on a
     *                   pooled gRPC thread, whose inherited MDC would otherwise name some other call
     */
    private CompletableFuture<Void> send(String conversationName, AssistEventSink sink, LogContext logContext) {
        try {
            return Futures.of(runtime.clients().conversations().completeConversationCallable()
                    .futureCall(CompleteConversationRequest.newBuilder().setName(conversationName).build()))
                    .handle((c, e) -> {
                        try (LogContext.Scope scope = logContext.enter()) {
                            if (e != null) {
                                completionFailures.incrementAndGet();
                                LOG.warnf("CompleteConversation of %s failed with %s", conversationName,
                                        Futures.code(e));
                                return null;
                            }
                            completions.incrementAndGet();
                            sink.accept(new ConversationLifecycle(conversationName,
                                    ConversationEvent.Type.CONVERSATION_FINISHED, System.nanoTime()));
                            return null;
                        }
                    });
        } catch (RuntimeException e) {
            completionFailures.incrementAndGet();
            LOG.warnf("CompleteConversation of %s not sent: %s", conversationName, e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    private void remember(AssistCall call) {
        calls.put(call.sessionId(), call);
        order.addLast(call.sessionId());
        while (order.size() > recentCalls) {
            String oldest = order.pollFirst();
            if (oldest != null) {
                calls.remove(oldest);
            }
        }
    }

    /** A recent call by AudioHook session id (the last {@code recentCalls} are kept). */
    public Optional<AssistCall> call(String sessionId) {
        return Optional.ofNullable(calls.get(sessionId));
    }

    public boolean isCompletionPending(String conversationName) {
        return pending.isPending(conversationName);
    }

    public int pendingCompletions() {
        return pending.size();
    }

    public long completions() {
        return completions.get();
    }

    public long completionFailures() {
        return completionFailures.get();
    }

    /** Conversations of calls ended with {@code end} still being summarized. */
    public int summarizing() {
        return ended.size();
    }

    public AssistRuntime runtime() {
        return runtime;
    }

    /**
     * Conversations still in their grace stay open in Dialogflow: another instance may continue them, and
     * completing them here would make that impossible. Those of calls that ended with {@code end} are completed
     * before the clients close: their summaries get a moment ({@value #SHUTDOWN_SUMMARY_WAIT_MILLIS} ms at most),
     * then what is left is completed without its summary, since an instance that is killed first would leave them
     * open for good.
     */
    @Override
    public void close() {
        if (ended.size() > 0) {
            LOG.infof("shutting down: %d ended conversation(s) still being summarized", ended.size());
        }
        Duration wait = Duration.ofMillis(Math.min(SHUTDOWN_SUMMARY_WAIT_MILLIS,
                runtime.settings().summary().timeout().toMillis()));
        List<CompletableFuture<Void>> completions = new ArrayList<>();
        for (AssistCall call : ended.awaitThenTakeAll(wait)) {
            completions.add(send(call.conversationName(), call.sink(), call.logContext()));
        }
        if (!completions.isEmpty()) {
            LOG.infof("shutting down: %d ended conversation(s) completed without their summary", completions.size());
            try {
                CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new))
                        .get(SHUTDOWN_SUMMARY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("shutting down: completing the ended conversations did not finish: %s", e.toString());
            }
        }
        int left = pending.size();
        if (left > 0) {
            LOG.infof("shutting down with %d conversation(s) left open for a reconnect", left);
        }
        runtime.clients().close();
    }
}
