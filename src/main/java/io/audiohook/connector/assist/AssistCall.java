package io.audiohook.connector.assist;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.ChannelAudio;

/**
 * One AudioHook session's side of Agent Assist: a participant stream per negotiated channel
 * ({@link ParticipantStreams}), fed while the conversation is still being set up in the background, and the setup
 * itself, retried while the call lasts.
 *
 * <p>Threading: protocol events arrive on the session's event loop, and so do setup outcomes (on its lane), retries
 * run on the timer; the setup's state is guarded by this object's monitor, and each stream guards itself.
 */
public final class AssistCall implements CallListener {
    private static final Logger LOG = Logger.getLogger(AssistCall.class);

    private final CallInfo info;
    private final AssistRuntime runtime;
    private final AssistCallFactory factory;
    private final AssistEventSink sink;
    private final String conversationName;
    private final LogContext logContext;
    private final CallWarnings warnings = new CallWarnings();
    private final ParticipantStreams streams;
    /** The deployment's profile, or the one of its allowed profiles the call chose. */
    private final ProfileName profile;
    /** Where its requests go: the lane of the event loop that reads its connection. */
    private final int lane;
    private final CompletableFuture<ConversationSetup.Result> setup = new CompletableFuture<>();
    private final SingleTimer setupRetry;
    private ConversationSetup conversations;
    private int setupFailures;
    /** A setup attempt is under way; its outcome decides the setup even if the call ends meanwhile. */
    private boolean attempting;
    private boolean over;
    private volatile boolean completedAtClose;
    /** When {@code closed} went out after {@code end} ({@link System#nanoTime()}), for the summary's latency. */
    private volatile long closedNanos;
    /** Utterances of the conversation's earlier sessions, when this one continues it. */
    private volatile long carriedMessages;

    /** @param sink where this call's events go: the desktop's, Genesys' transcripts, or both */
    AssistCall(CallInfo info, AssistRuntime runtime, AssistCallFactory factory, AssistEventSink sink) {
        this.info = info;
        this.runtime = runtime;
        this.sink = sink;
        this.factory = factory;
        this.profile = info.config().conversationProfile().map(ProfileName::parse)
                .orElse(runtime.settings().profile());
        this.conversationName = profile.conversationName(info.conversationId());
        this.lane = runtime.clients().laneHere();
        this.logContext = new LogContext(info.sessionId(), info.conversationId(), info.correlationId(),
                info.trace().orElse(null));
        SampleFormat format = SampleFormat.fromProtocolName(info.media().format().name()).orElseThrow();
        RecognizerEncoding sent = info.config().audioEncoding().orElse(runtime.settings().audioEncoding())
                .sentFor(format);
        this.streams = new ParticipantStreams(info.sessionId(), info.media().channels(),
                info.config().customerChannel(), format, sent, runtime.streamServices(sink,
                        language -> runtime.languages().refused(info.config().conversationProfile(), language), lane),
                warnings, logContext);
        this.setupRetry = new SingleTimer(runtime.timers());
    }

    /** Starts the setup on the timer thread, so that client creation and request building stay off the event loop. */
    synchronized void begin(ConversationSetup conversations) {
        this.conversations = conversations;
        runtime.scheduler().execute(logContext.wrap(this::attemptSetup));
    }

    private void attemptSetup() {
        synchronized (this) {
            setupRetry.ran();
            if (over) {
                return;
            }
            attempting = true;
        }
        try {
            conversations.run(info.conversationId(), profile, lane)
                    .whenComplete((result, error) -> logContext.run(() -> setUp(result, error)));
        } catch (RuntimeException e) {
            setUp(null, e);
        }
    }

    /**
     * An attempt's outcome. A conversation created for a call that has ended since still counts as set up, so that
     * it is completed like any other (its streams are stopped and do not start).
     */
    private synchronized void setUp(ConversationSetup.Result result, Throwable error) {
        attempting = false;
        if (error != null) {
            setupFailed(error);
            return;
        }
        if (result.completed()) {
            LOG.warnf("session %s: conversation %s is already COMPLETED; Dialogflow would refuse its audio, "
                    + "so this call is not transcribed", info.sessionId(), conversationName);
            streams.each(ParticipantStream::stop);
            setup.complete(result);
            return;
        }
        if (result.created()) {
            sink.accept(new ConversationLifecycle(conversationName,
                    ConversationEvent.Type.CONVERSATION_STARTED, System.nanoTime()));
        }
        StreamTargets targets = new StreamTargets(conversationName, result, info.requestedLanguage(),
                runtime.settings().model());
        streams.each(stream -> stream.start(targets.of(stream.role())));
        LOG.infof("session %s: Agent Assist conversation %s %s%s", info.sessionId(), conversationName,
                result.created() ? "created" : "continued",
                setupFailures > 0 ? " after " + setupFailures + " failed attempt(s)" : "");
        setup.complete(result);
    }

    /** Dialogflow or the credentials failing degrade the call: audio waits (bounded) and setup is tried again. */
    private void setupFailed(Throwable error) {
        StatusCode.Code code = Futures.code(error);
        LOG.debugf(error, "session %s: setup failure", info.sessionId());
        if (over) {
            setup.completeExceptionally(error);
            return;
        }
        if (StreamFailure.of(code, Futures.description(error), false) == StreamFailure.GIVE_UP) {
            LOG.warnf("session %s: Agent Assist setup refused with %s, which a retry cannot fix; this call is not "
                    + "transcribed", info.sessionId(), code);
            runtime.latencies().metrics().giveUp(code.name());
            streams.each(ParticipantStream::stop);
            setup.completeExceptionally(error);
            return;
        }
        long delay = runtime.settings().retry().waits().delayNanos(++setupFailures);
        warnings.warnOnce("setup", "session %s: Agent Assist setup failed with %s; the call's audio is kept (up to "
                + "%d s) and setup retried while the call lasts", info.sessionId(), code,
                runtime.settings().preSetupBuffer().toSeconds());
        setupRetry.schedule(logContext.wrap(this::attemptSetup), delay);
    }

    // ------------------------------------------------------------------ CallListener

    @Override
    public void audio(ChannelAudio audio) {
        streams.channel(audio.index()).audio(audio.data(), audio.position(), System.nanoTime());
    }

    @Override
    public void paused(long position) {
        streams.each(ParticipantStream::pause);
    }

    @Override
    public void resumed(long position) {
        streams.each(ParticipantStream::resume);
    }

    @Override
    public void languageChanged(String language, long position) {
        streams.each(stream -> stream.languageChanged(language));
    }

    /** Completes once every stream has delivered its final results (bounded), so {@code closed} follows them. */
    @Override
    public CompletionStage<Void> closing(String reason) {
        return streams.finish();
    }

    /**
     * The close transaction is over: after {@code end}, the conversation is completed now, whether or not the
     * client closes its socket at once.
     */
    @Override
    public void closed(String reason) {
        if ("end".equals(reason)) {
            closedNanos = System.nanoTime();
            completedAtClose = true;
            // nothing more comes after closed: a stream still draining stops (what waits is counted), and the
            // completion does not end it as a refusal
            streams.each(ParticipantStream::end);
            setup.whenComplete((result, error) -> {
                if (error == null && !result.completed()) {
                    factory.endOfConversation(this);
                }
            });
        }
    }

    @Override
    public void ended(SessionEnd end) {
        streams.each(ParticipantStream::end);
        synchronized (this) {
            over = true;
            setupRetry.cancel();
            if (!attempting && !setup.isDone()) {
                setup.completeExceptionally(new CancellationException("the call ended before its setup"));
            }
        }
        boolean endOfConversation = end.isEndOfConversation();
        setup.whenComplete((result, error) -> factory.ended(this, error == null && !result.completed(),
                endOfConversation, completedAtClose));
    }

    // ------------------------------------------------------------------ observation

    /** The role of a negotiated channel: the customer's channel is END_USER, the other HUMAN_AGENT. */
    public static Participant.Role roleOf(io.audiohook.connector.protocol.Channel channel,
            io.audiohook.connector.protocol.Channel customer) {
        return ParticipantStreams.roleOf(channel, customer);
    }

    public String sessionId() {
        return info.sessionId();
    }

    /** This session's hold on its conversation, in the ledger every instance consults before completing it. */
    ConversationLedger.Hold hold() {
        return new ConversationLedger.Hold(conversationName, info.sessionId());
    }

    public CallInfo info() {
        return info;
    }

    /** Where this call's events go. */
    AssistEventSink sink() {
        return sink;
    }

    /** Full name, with location, whether or not it exists yet. */
    public String conversationName() {
        return conversationName;
    }

    /** Completes when the conversation and participants are ready (or setup failed). */
    public CompletableFuture<Void> ready() {
        return setup.thenApply(r -> null);
    }

    /** The participant resource name of a role, once set up. */
    public Optional<String> participantName(Participant.Role role) {
        ConversationSetup.Result result = setup.getNow(null);
        return result == null || result.completed() ? Optional.empty()
                : Optional.of(result.participant(role).getName());
    }

    /** The profile the conversation was set up with, once it is (and not found completed). */
    Optional<ConversationProfile> profile() {
        ConversationSetup.Result result = setup.getNow(null);
        return result == null || result.completed() ? Optional.empty() : Optional.of(result.profile());
    }

    /** This session continues a conversation whose earlier sessions had {@code messages} utterances. */
    void carry(long messages) {
        carriedMessages = messages;
    }

    /** Utterances of the conversation Dialogflow stored, this session's and its earlier sessions'. */
    public long messages() {
        long[] total = { carriedMessages };
        streams.each(stream -> total[0] += stream.counters().messages());
        return total[0];
    }

    long closedNanos() {
        return closedNanos;
    }

    /** The lane of its requests ({@link DialogflowClients#laneHere()} when the call was created). */
    int lane() {
        return lane;
    }

    /** The call's ids, for what is logged about it from other threads. */
    LogContext logContext() {
        return logContext;
    }

    public Optional<ParticipantCounters> counters(Participant.Role role) {
        return streams.of(role).map(ParticipantStream::counters);
    }

    /** The language the role's next stream uses (after setup). */
    public Optional<String> language(Participant.Role role) {
        return streams.of(role).map(ParticipantStream::language);
    }

    public Optional<String> state(Participant.Role role) {
        return streams.of(role).map(s -> s.state().name());
    }

    /** The roles in the negotiated channels' order. */
    public List<Participant.Role> roles() {
        return streams.roles();
    }
}
