package io.audiohook.connector.call;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.audio.ChannelSplitter;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.audio.Timeline;
import io.audiohook.connector.log.TraceContext;
import io.audiohook.connector.protocol.Admission;
import io.audiohook.connector.protocol.ClientMessageCodec;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.protocol.Durations;
import io.audiohook.connector.protocol.MediaOffer;
import io.audiohook.connector.protocol.OpenParameters;
import io.audiohook.connector.protocol.ProtocolSession;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.protocol.SessionHandler;

/**
 * One call: turns protocol events into per-channel audio on the stream time base and passes them to the
 * backend's {@link CallListener}. Connection probes stop here, so they never reach a backend.
 */
public final class CallSession implements SessionHandler {
    private static final Logger LOG = Logger.getLogger(CallSession.class);
    private static final int RATE = ClientMessageCodec.SAMPLE_RATE;

    private final String sessionId;
    private final String correlationId;
    private final TraceContext trace;
    private final CallListenerFactory factory;
    private final Set<String> allowedProfiles;
    private final CallMode pathMode;
    private final LanguageSupport languages;
    private final Consumer<SessionEnd> onEnded;
    private final Timeline timeline = new Timeline();

    private CallListener listener;
    private ChannelSplitter splitter;
    private MediaOffer media;
    private SampleFormat format;
    private CallInfo info;
    private volatile CallConfig config = CallConfig.DEFAULTS;
    private boolean probe;
    /** Written by the session's inbound thread only, read by the sessions API from anywhere. */
    private final AtomicLongArray channelSamples = new AtomicLongArray(2);

    /**
     * @param trace           the trace of the upgrade request, for the backend's log lines (null: none)
     * @param allowedProfiles the conversation profiles a call's {@code customConfig} may choose
     * @param pathMode        the mode of the path the call came on, unless its {@code customConfig} says another
     * @param languages       the languages each profile's model is known to refuse, not offered to its calls
     * @param onEnded         runs after the listener heard of the end, whatever the listener did
     */
    public CallSession(String sessionId, String correlationId, TraceContext trace, CallListenerFactory factory,
            Set<String> allowedProfiles, CallMode pathMode, LanguageSupport languages, Consumer<SessionEnd> onEnded) {
        this.sessionId = sessionId;
        this.correlationId = correlationId;
        this.trace = trace;
        this.factory = factory;
        this.allowedProfiles = allowedProfiles;
        this.pathMode = pathMode;
        this.languages = languages;
        this.onEnded = onEnded;
    }

    /** The call's settings from its {@code customConfig}, once {@code open} was admitted. */
    public CallConfig config() {
        return config;
    }

    /** The call's settings from the integration's {@code customConfig}; a bad value refuses the call, naming it. */
    @Override
    public Admission admit(OpenParameters open) {
        try {
            config = CallConfig.parse(open.customConfig(), allowedProfiles, sessionId);
        } catch (CallConfig.Invalid e) {
            return Admission.refuse(e.getMessage());
        }
        if (config != CallConfig.DEFAULTS) {
            LOG.infof("session %s: per-call settings %s", sessionId, config.summary());
        }
        // Starting paused waits for a desktop; Genesys' transcript needs every word, and a call without Agent Assist
        // has no desktop: those start unpaused unless their customConfig says otherwise.
        boolean noWait = mode() == CallMode.TRANSCRIPTION || !config.assists();
        Optional<Boolean> startPaused = config.startPaused().or(() -> noWait ? Optional.of(false) : Optional.empty());
        // a transcription client changes the language with update and is told when it took effect
        return Admission.accept(startPaused, mode() == CallMode.TRANSCRIPTION,
                languages.refusedFor(config.conversationProfile()));
    }

    /** The call's mode: its {@code customConfig}'s, else its path's. */
    public CallMode mode() {
        return config.mode().orElse(pathMode);
    }

    @Override
    public void opened(ProtocolSession session, OpenParameters open, Optional<MediaOffer> selected) {
        if (open.isProbe()) {
            probe = true;
            LOG.infof("session %s: connection probe answered", sessionId);
            return;
        }
        if (selected.isEmpty()) {
            return;
        }
        media = selected.get();
        format = SampleFormat.fromProtocolName(media.format().name()).orElseThrow();
        splitter = new ChannelSplitter(media.channelCount(), format);
        info = new CallInfo(sessionId, correlationId, open.organizationId(), open.conversationId(), media,
                open.language(), config, mode(), session.startedPaused(), Optional.ofNullable(trace));
        listener = factory.create(info, new Control(session));
        LOG.infof("session %s: call %s opened with %s", sessionId, open.conversationId(), media);
    }

    @Override
    public void position(long positionNanos) {
        timeline.resync(Durations.toSamples(positionNanos, RATE));
    }

    @Override
    public void audio(byte[] frame, int offset, int length) {
        if (listener == null) {
            return;
        }
        byte[][] channels = splitter.split(frame, offset, length);
        int samples = length / media.bytesPerSampleFrame();
        long position = timeline.onAudio(samples);
        for (int i = 0; i < channels.length; i++) {
            // Single writer: a release store is enough, no read-modify-write atomics on the audio path.
            channelSamples.lazySet(i, channelSamples.get(i) + samples);
            listener.audio(new ChannelAudio(media.channels().get(i), i, format, channels[i], position));
        }
    }

    @Override
    public void paused() {
        if (listener != null) {
            listener.paused(timeline.position());
        }
    }

    @Override
    public void resumed(long startNanos, long discardedNanos) {
        if (listener != null) {
            listener.resumed(timeline.position());
        }
    }

    @Override
    public void discarded(long startNanos, long discardedNanos) {
        if (listener != null) {
            listener.discarded(Durations.toSamples(discardedNanos, RATE), timeline.position());
        }
    }

    @Override
    public void languageChanged(String language) {
        if (listener != null) {
            listener.languageChanged(language, timeline.position());
        }
    }

    @Override
    public void clientError(int code, String message, OptionalLong retryAfterNanos) {
        if (listener != null) {
            listener.clientError(code, retryAfterNanos);
        }
    }

    @Override
    public CompletionStage<Void> closing(String reason) {
        return listener == null ? CompletableFuture.completedFuture(null) : listener.closing(reason);
    }

    @Override
    public void closed(String reason) {
        if (listener != null) {
            listener.closed(reason);
        }
    }

    @Override
    public void ended(SessionEnd end) {
        LOG.infof("session %s: ended (%s%s)", sessionId, end.outcome().metricName(),
                end.closeReason().map(r -> ", close reason " + r).orElse(""));
        try {
            if (listener != null) {
                listener.ended(end);
            }
        } finally {
            onEnded.accept(end);
        }
    }

    public boolean isProbe() {
        return probe;
    }

    public Optional<CallInfo> info() {
        return Optional.ofNullable(info);
    }

    /** Samples received per channel index since the call opened. */
    public long channelSamples(int index) {
        return channelSamples.get(index);
    }

    public Timeline timeline() {
        return timeline;
    }

    private record Control(ProtocolSession session) implements CallControl {
        @Override
        public boolean sendEvent(List<? extends JsonNode> entities) {
            return session.sendEvent(entities);
        }

        @Override
        public boolean pause() {
            return session.pause();
        }

        @Override
        public boolean resume() {
            return session.resume();
        }

        @Override
        public boolean disconnect(DisconnectReason reason, Optional<String> info) {
            return session.disconnect(reason, info);
        }
    }
}
