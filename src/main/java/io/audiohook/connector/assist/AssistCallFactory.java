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

import com.google.api.gax.rpc.StatusCode;
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
 * with {@code close}/{@code end}, unless another session (on any instance) still holds it; after any other ending it
 * stays open for {@code completionGrace}, so that a new session of the same Genesys conversation (a reconnect, maybe
 * on another instance) continues it. Who holds what, and what is due, is kept in the {@link ConversationLedger}.
 */
public final class AssistCallFactory implements CallListenerFactory, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AssistCallFactory.class);
    /** Each of the two waits of the shutdown: a drain of 8 s and these leave some of Cloud Run's 10 s to spare. */
    private static final long SHUTDOWN_SUMMARY_WAIT_MILLIS = 1500;
    /** CompleteConversation failures that another attempt cannot change (a conversation never created, say). */
    private static final java.util.Set<StatusCode.Code> FINAL_FAILURES = java.util.EnumSet.of(
            StatusCode.Code.NOT_FOUND, StatusCode.Code.INVALID_ARGUMENT, StatusCode.Code.PERMISSION_DENIED);

    private final AssistRuntime runtime;
    private final ConversationSetup setup;
    private final ConversationCompletions completionDuty;
    private final CarriedMessages carried;
    private final EndOfCallSummary summaries;
    private final int recentCalls;
    private final Map<String, AssistCall> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong completionFailures = new AtomicLong();
    private final EndedConversations<AssistCall> ended = new EndedConversations<>(AssistCall::conversationName);

    /** @param ledger who holds which conversation: this instance's memory, or shared by all through Redis */
    public AssistCallFactory(AssistRuntime runtime, int recentCalls, ConversationLedger ledger,
            ConversationLedger.Terms terms) {
        this.runtime = runtime;
        this.setup = new ConversationSetup(runtime.clients(), runtime.settings().profile());
        this.completionDuty = ConversationCompletions.of(ledger, terms, runtime.timers(),
                name -> runtime.scheduler().execute(() -> completeClaimed(name))).start();
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
        completionDuty.hold(call.hold()).thenAccept(continued -> {
            if (continued) {
                LOG.infof("session %s: continues a conversation that was waiting for completion", info.sessionId());
            }
        });
        call.carry(carried.take(name));
        remember(call);
        call.begin(setup);
        return call;
    }

    /**
     * @param usable            the conversation was set up and is not completed
     * @param completedAtClose  {@link AssistCall#closed} let go of it already, when {@code closed} went out
     */
    void ended(AssistCall call, boolean usable, boolean endOfConversation, boolean completedAtClose) {
        if (!usable) {
            completionDuty.release(call.hold(), ConversationLedger.Release.ABANDON);
        } else if (endOfConversation) {
            if (!completedAtClose) {
                endOfConversation(call);
            }
        } else {
            carried.keep(call.conversationName(), call.messages());
            completionDuty.release(call.hold(), ConversationLedger.Release.GRACE);
        }
    }

    /**
     * The call ended with {@code close}/{@code end}: it lets go of its conversation, which it completes now unless
     * another session still holds it (then the last to let go, or its grace, completes it).
     */
    void endOfConversation(AssistCall call) {
        // the answer may come on Redis' event loop: the summary and the completion start on the timer instead
        completionDuty.release(call.hold(), ConversationLedger.Release.END).thenAcceptAsync(completeNow -> {
            if (completeNow) {
                complete(call);
            } else {
                LOG.infof("session %s: ended its part; the conversation stays open for the other session(s) holding it",
                        call.sessionId());
            }
        }, runtime.scheduler());
    }

    /** Due and claimed by this instance (the grace is over, or its holder is gone): completed without a summary. */
    private void completeClaimed(String conversationName) {
        LOG.infof("completing %s: no session holds it any more and its grace is over", conversationName);
        carried.take(conversationName);
        send(conversationName, runtime.sink(), LogContext.NONE, runtime.clients().laneHere());
    }

    /**
     * The call ended with {@code close}/{@code end}: its conversation is summarized (bounded; skipped when the profile
     * cannot or the conversation is too short), then completed, whatever became of the summary.
     */
    private void complete(AssistCall call) {
        carried.take(call.conversationName());
        Optional<ConversationProfile> profile = call.profile();
        if (profile.isEmpty() || !call.info().assists()) { // a call kept off the desktop has nobody to read it
            send(call.conversationName(), call.sink(), call.logContext(), call.lane());
            return;
        }
        ended.summarizing(call);
        summaries.summarize(new EndOfCallSummary.Request(call.sessionId(), call.conversationName(),
                call.participantName(Participant.Role.HUMAN_AGENT).orElse(""),
                profile.get(), call.messages(), call.closedNanos(), call.sink(), call.logContext(), call.lane()))
                .whenComplete((done, error) -> {
                    if (ended.take(call)) { // else the shutdown completed it already
                        send(call.conversationName(), call.sink(), call.logContext(), call.lane());
                    }
                });
    }

    /**
     * @param sink       where the call's events went: a call kept off the desktop does not tell it of the end either
     * @param logContext the ids of the call that ended it (none for a grace that expired): the answer arrives on an
     *                   event loop that serves other calls, whose MDC would otherwise name some other call
     * @param lane       the call's lane (any for a grace that expired)
     */
    private CompletableFuture<Void> send(String conversationName, AssistEventSink sink, LogContext logContext,
            int lane) {
        try {
            return Futures.of(runtime.clients().conversations(lane).completeConversationCallable()
                    .futureCall(CompleteConversationRequest.newBuilder().setName(conversationName).build()))
                    .handle((c, e) -> {
                        try (LogContext.Scope scope = logContext.enter()) {
                            if (e != null) {
                                completionFailures.incrementAndGet();
                                StatusCode.Code code = Futures.code(e);
                                if (FINAL_FAILURES.contains(code)) {
                                    completionDuty.forget(conversationName);
                                    LOG.warnf("CompleteConversation of %s failed with %s: not retried",
                                            conversationName, code);
                                } else { // its claim lapses, and this or another instance tries again
                                    LOG.warnf("CompleteConversation of %s failed with %s: retried once its claim "
                                            + "lapses", conversationName, code);
                                }
                                return null;
                            }
                            completionDuty.forget(conversationName);
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

    /** Whether a live session of this instance holds the conversation. */
    public boolean isHeldHere(String conversationName) {
        return completionDuty.isHeld(conversationName);
    }

    /** Conversations this instance completed because they were due (grace over, or their holder gone). */
    public long claimedCompletions() {
        return completionDuty.claimed();
    }

    /** Operations on the ledger that failed (each is retried, bounded). */
    public long ledgerFailures() {
        return completionDuty.ledgerFailures();
    }

    /** Releases and forgets the ledger could not record within a lease. */
    public long ledgerGivenUp() {
        return completionDuty.givenUp();
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
     * Conversations still in their grace stay open in Dialogflow: another instance may continue them, and the
     * ledger has them due for whichever instance is there when the grace is over (with the local ledger, nobody:
     * they stay open). Those of calls that ended with {@code end} are completed
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
            completions.add(send(call.conversationName(), call.sink(), call.logContext(), call.lane()));
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
        completionDuty.close();
        runtime.clients().close();
    }
}
