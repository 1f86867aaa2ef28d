package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.ChannelAudio;

/**
 * One AudioHook session's side of Agent Assist: a participant stream per negotiated channel (external →
 * END_USER, internal → HUMAN_AGENT, whatever their order), fed while the conversation is still being set up in
 * the background.
 */
public final class AssistCall implements CallListener {
    private static final Logger LOG = Logger.getLogger(AssistCall.class);

    private final CallInfo info;
    private final AssistRuntime runtime;
    private final AssistCallFactory factory;
    private final String conversationName;
    private final LogContext logContext;
    private final CallWarnings warnings = new CallWarnings();
    /** Indexed like the negotiated channels; a mono call has one. */
    private final ParticipantStream[] streams;
    private final CompletableFuture<ConversationSetup.Result> setup = new CompletableFuture<>();
    private ConversationSetup conversations;
    private int setupFailures;
    private Timers.Timer setupRetry;
    /** A setup attempt is under way; its outcome decides the setup even if the call ends meanwhile. */
    private boolean attempting;
    private boolean over;
    private volatile boolean completedAtClose;

    AssistCall(CallInfo info, AssistRuntime runtime, AssistCallFactory factory) {
        this.info = info;
        this.runtime = runtime;
        this.factory = factory;
        this.conversationName = runtime.settings().profile().conversationName(info.conversationId());
        this.logContext = new LogContext(info.sessionId(), info.conversationId(), info.correlationId());
        List<Channel> channels = info.media().channels();
        this.streams = new ParticipantStream[channels.size()];
        StreamServices services = runtime.streamServices();
        SampleFormat format = SampleFormat.fromProtocolName(info.media().format().name()).orElseThrow();
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new ParticipantStream(info.sessionId(), roleOf(channels.get(i)), format, services, warnings,
                    logContext);
        }
    }

    static Participant.Role roleOf(Channel channel) {
        return channel == Channel.EXTERNAL ? Participant.Role.END_USER : Participant.Role.HUMAN_AGENT;
    }

    /** Starts the setup on the timer thread, so that client creation and request building stay off the event loop. */
    synchronized void begin(ConversationSetup conversations) {
        this.conversations = conversations;
        runtime.scheduler().execute(inContext(this::attemptSetup));
    }

    private void attemptSetup() {
        synchronized (this) {
            setupRetry = null;
            if (over) {
                return;
            }
            attempting = true;
        }
        try {
            conversations.run(info.conversationId())
                    .whenComplete((result, error) -> inContext(() -> setUp(result, error)).run());
        } catch (RuntimeException e) {
            setUp(null, e);
        }
    }

    private Runnable inContext(Runnable task) {
        return () -> {
            try (var scope = logContext.enter()) {
                task.run();
            }
        };
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
            stopAll();
            setup.complete(result);
            return;
        }
        if (result.created()) {
            runtime.sink().accept(new ConversationLifecycle(conversationName,
                    ConversationEvent.Type.CONVERSATION_STARTED, System.nanoTime()));
        }
        String profileLanguage = profileLanguage(result);
        String language = info.language().filter(l -> !l.isBlank()).orElse(profileLanguage);
        Optional<String> model = runtime.settings().model().or(() -> Optional
                .of(result.profile().getSttConfig().getModel()).filter(m -> !m.isBlank()));
        boolean lookback = !model.filter("chirp_3"::equalsIgnoreCase).isPresent();
        for (ParticipantStream stream : streams) {
            stream.start(new StreamTarget(conversationName, result.participant(stream.role()).getName(),
                    result.humanAgent().getName(), language, profileLanguage, model, lookback));
        }
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
            stopAll();
            setup.completeExceptionally(error);
            return;
        }
        long delay = runtime.settings().retry().waits().delayNanos(++setupFailures);
        warnings.warnOnce("setup", "session %s: Agent Assist setup failed with %s; the call's audio is kept (up to "
                + "%d s) and setup retried while the call lasts", info.sessionId(), code,
                runtime.settings().preSetupBuffer().toSeconds());
        setupRetry = runtime.timers().schedule(inContext(this::attemptSetup), delay);
    }

    private static String profileLanguage(ConversationSetup.Result result) {
        String stt = result.profile().getSttConfig().getLanguageCode();
        if (!stt.isBlank()) {
            return stt;
        }
        String profile = result.profile().getLanguageCode();
        return profile.isBlank() ? "en-US" : profile;
    }

    private void stopAll() {
        for (ParticipantStream stream : streams) {
            stream.stop();
        }
    }

    // ------------------------------------------------------------------ CallListener

    @Override
    public void audio(ChannelAudio audio) {
        streams[audio.index()].audio(audio.data(), System.nanoTime());
    }

    @Override
    public void paused(long position) {
        for (ParticipantStream stream : streams) {
            stream.pause();
        }
    }

    @Override
    public void resumed(long position) {
        for (ParticipantStream stream : streams) {
            stream.resume();
        }
    }

    @Override
    public void languageChanged(String language, long position) {
        for (ParticipantStream stream : streams) {
            stream.languageChanged(language);
        }
    }

    /** Completes once every stream has delivered its final results (bounded), so {@code closed} follows them. */
    @Override
    public CompletionStage<Void> closing(String reason) {
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        for (ParticipantStream stream : streams) {
            finished.add(stream.finish());
        }
        return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
    }

    /**
     * The close transaction is over: after {@code end}, the conversation is completed now, whether or not the
     * client closes its socket at once.
     */
    @Override
    public void closed(String reason) {
        if ("end".equals(reason)) {
            completedAtClose = true;
            // nothing more comes after closed: a stream still draining stops (what waits is counted), and the
            // completion does not end it as a refusal
            for (ParticipantStream stream : streams) {
                stream.end();
            }
            setup.whenComplete((result, error) -> {
                if (error == null && !result.completed()) {
                    factory.complete(conversationName);
                }
            });
        }
    }

    @Override
    public void ended(SessionEnd end) {
        for (ParticipantStream stream : streams) {
            stream.end();
        }
        synchronized (this) {
            over = true;
            if (setupRetry != null) {
                setupRetry.cancel();
                setupRetry = null;
            }
            if (!attempting && !setup.isDone()) {
                setup.completeExceptionally(new CancellationException("the call ended before its setup"));
            }
        }
        boolean endOfConversation = end.isEndOfConversation();
        setup.whenComplete((result, error) -> factory.ended(this, error == null && !result.completed(),
                endOfConversation, completedAtClose));
    }

    // ------------------------------------------------------------------ observation

    public String sessionId() {
        return info.sessionId();
    }

    public CallInfo info() {
        return info;
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

    public Optional<ParticipantCounters> counters(Participant.Role role) {
        return stream(role).map(ParticipantStream::counters);
    }

    /** The language the role's next stream uses (after setup). */
    public Optional<String> language(Participant.Role role) {
        return stream(role).map(ParticipantStream::language);
    }

    public Optional<String> state(Participant.Role role) {
        return stream(role).map(s -> s.state().name());
    }

    public List<Participant.Role> roles() {
        List<Participant.Role> roles = new ArrayList<>();
        for (ParticipantStream stream : streams) {
            roles.add(stream.role());
        }
        return roles;
    }

    private Optional<ParticipantStream> stream(Participant.Role role) {
        for (ParticipantStream stream : streams) {
            if (stream.role() == role) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }
}
