package io.audiohook.connector.protocol;

import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The open transaction: checks that {@code open} comes from the organization the socket was authenticated with,
 * agrees on a media format, answers {@code opened} and tells the handler; or disconnects instead. It remembers what
 * was asked and agreed, for the session's accessors and its audio checks.
 *
 * <p>Not thread-safe, except {@link #openToOpenedNanos()}, which may be read from any thread: the session answers
 * {@code open} and reads the rest under its lock.
 */
final class OpenHandshake {
    // The protocol logs under one category, whichever class of it speaks, so that one log setting covers it.
    private static final Logger LOG = Logger.getLogger(ProtocolSession.class);

    private final ProtocolSession session;
    private final String organizationHeader;
    private final ProtocolSettings settings;
    private final SerializedSender sender;
    private final GuardedHandler handler;
    private final SessionLifecycle lifecycle;
    private final SessionTimeouts clock;

    private OpenParameters open;
    private MediaOffer media;
    private boolean startedPaused;
    private boolean acknowledgesUpdate;
    /** From {@code open} received to {@code opened} handed to the transport; -1 until then. */
    private volatile long openToOpenedNanos = -1;

    /**
     * @param session            handed to {@link SessionHandler#opened}
     * @param organizationHeader the {@code Audiohook-Organization-Id} the socket was authenticated with
     * @param clock              says when {@code open} arrived
     */
    OpenHandshake(ProtocolSession session, String organizationHeader, ProtocolSettings settings,
            SerializedSender sender, GuardedHandler handler, SessionLifecycle lifecycle, SessionTimeouts clock) {
        this.session = session;
        this.organizationHeader = organizationHeader;
        this.settings = settings;
        this.sender = sender;
        this.handler = handler;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Answers the session's first {@code open}; the caller ignores any later one. */
    void answer(OpenParameters parameters) {
        open = parameters;
        if (!Uuids.same(parameters.organizationId(), organizationHeader)) {
            LOG.infof("session %s: organization in open does not match the authenticated header", session.sessionId());
            lifecycle.disconnect(DisconnectReason.UNAUTHORIZED, Optional.empty());
            return;
        }
        Optional<MediaOffer> selected = MediaSelector.select(parameters.media(), settings.formats());
        if (selected.isEmpty()) {
            lifecycle.disconnect(DisconnectReason.ERROR, Optional.of(ProtocolViolation.NO_MEDIA));
            return;
        }
        Admission admission = parameters.isProbe() ? Admission.ACCEPT : handler.admit(parameters);
        if (admission.refusal().isPresent()) {
            LOG.infof("session %s: open refused: %s", session.sessionId(), admission.refusal().get());
            lifecycle.disconnect(DisconnectReason.ERROR, admission.refusal());
            return;
        }
        media = selected.get();
        Optional<List<String>> languages = parameters.supportedLanguages() ? Optional.of(settings.languages().stream()
                .filter(l -> !admission.notOffered().contains(l.toLowerCase(java.util.Locale.ROOT))).toList())
                : Optional.empty();
        // a probe is answered at once: Genesys expects opened → close, and nothing would ever resume it
        startedPaused = admission.startPaused().orElse(settings.startPaused()) && !parameters.isProbe();
        acknowledgesUpdate = admission.acknowledgeUpdate() || settings.acknowledgeUpdate();
        sender.send(ServerMessages.opened(selected, startedPaused, languages));
        openToOpenedNanos = Math.max(0, System.nanoTime() - clock.nowNanos());
        lifecycle.enter(SessionState.ACTIVE);
        handler.call("opened", h -> h.opened(session, parameters, selected));
    }

    /** Server time from {@code open} received to {@code opened} handed to the transport; -1 before that. */
    long openToOpenedNanos() {
        return openToOpenedNanos;
    }

    /** Whether {@code update} is answered with {@code updated}: the deployment's or the call's choice. */
    boolean acknowledgesUpdate() {
        return acknowledgesUpdate;
    }

    /** Whether {@code opened} told the client to start paused (never for probes). */
    boolean startedPaused() {
        return startedPaused;
    }

    /** What the client's {@code open} asked for, even when it was refused. */
    Optional<OpenParameters> parameters() {
        return Optional.ofNullable(open);
    }

    Optional<MediaOffer> media() {
        return Optional.ofNullable(media);
    }

    /** The agreed format, or null before one is: read for every audio frame, where an Optional would be waste. */
    MediaOffer mediaOrNull() {
        return media;
    }
}
