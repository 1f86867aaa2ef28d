package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.google.cloud.dialogflow.v2beta1.ConversationEvent;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.protocol.Channel;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.session.CallInfo;
import io.audiohook.connector.session.CallListener;
import io.audiohook.connector.session.ChannelAudio;

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
    /** Indexed like the negotiated channels; a mono call has one. */
    private final ParticipantStream[] streams;
    private final CompletableFuture<ConversationSetup.Result> setup = new CompletableFuture<>();

    AssistCall(CallInfo info, AssistRuntime runtime, AssistCallFactory factory) {
        this.info = info;
        this.runtime = runtime;
        this.factory = factory;
        this.conversationName = runtime.settings().profile().conversationName(info.conversationId());
        List<Channel> channels = info.media().channels();
        this.streams = new ParticipantStream[channels.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new ParticipantStream(info.sessionId(), roleOf(channels.get(i)),
                    SampleFormat.fromProtocolName(info.media().format().name()).orElseThrow(), runtime,
                    new LogContext(info.sessionId(), info.conversationId(), info.correlationId()));
        }
    }

    static Participant.Role roleOf(Channel channel) {
        return channel == Channel.EXTERNAL ? Participant.Role.END_USER : Participant.Role.HUMAN_AGENT;
    }

    /** Starts the setup on the timer thread, so that client creation and request building stay off the event loop. */
    void begin(ConversationSetup conversations) {
        LogContext context = new LogContext(info.sessionId(), info.conversationId(), info.correlationId());
        runtime.scheduler().execute(() -> {
            try (var scope = context.enter()) {
                conversations.run(info.conversationId()).whenComplete((result, error) -> {
                    try (var inner = context.enter()) {
                        setUp(result, error);
                    }
                });
            } catch (RuntimeException e) {
                try (var scope = context.enter()) {
                    setUp(null, e);
                }
            }
        });
    }

    private void setUp(ConversationSetup.Result result, Throwable error) {
        if (error != null) {
            LOG.warnf("session %s: Agent Assist setup failed with %s; this call is not transcribed", info.sessionId(),
                    Futures.code(error));
            LOG.debugf(error, "session %s: setup failure", info.sessionId());
            stopAll();
            setup.completeExceptionally(error);
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
        String language = info.language().filter(l -> !l.isBlank()).orElseGet(() -> profileLanguage(result));
        Optional<String> model = runtime.settings().model().or(() -> Optional
                .of(result.profile().getSttConfig().getModel()).filter(m -> !m.isBlank()));
        boolean lookback = !model.filter("chirp_3"::equalsIgnoreCase).isPresent();
        for (ParticipantStream stream : streams) {
            stream.start(new StreamTarget(conversationName, result.participant(stream.role()).getName(),
                    result.humanAgent().getName(), language, model, lookback));
        }
        LOG.infof("session %s: Agent Assist conversation %s %s", info.sessionId(), conversationName,
                result.created() ? "created" : "continued");
        setup.complete(result);
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

    @Override
    public void ended(SessionEnd end) {
        for (ParticipantStream stream : streams) {
            stream.end();
        }
        boolean endOfConversation = end.isEndOfConversation();
        setup.whenComplete((result, error) -> factory.ended(this, error == null && !result.completed(),
                endOfConversation));
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
