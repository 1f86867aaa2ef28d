package io.audiohook.connector.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;


import org.jboss.logging.Logger;

import io.audiohook.connector.assist.ProfileName;
import io.audiohook.connector.protocol.SessionEnd;
import io.audiohook.connector.call.CallControl;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.call.CallListener;
import io.audiohook.connector.call.CallListenerFactory;
import io.audiohook.connector.call.TeeCallListenerFactory;

/**
 * Optional cost control ({@code connector.publish.start-paused-until-joined}), as Google's connector does it:
 * calls start paused and are resumed once a desktop has joined the conversation (its key exists) or after
 * {@code join-timeout}, whichever comes first; while paused Genesys sends no audio and Dialogflow streams nothing.
 * {@link DesktopPresence} looks for the keys of all waiting calls, with the publisher's. Probes are never paused (the
 * protocol layer answers them unpaused and never hands them to a backend).
 */
public class ResumeWhenJoined implements DesktopPresence.Watcher {
    private static final Logger LOG = Logger.getLogger(ResumeWhenJoined.class);

    private record Waiting(String sessionId, String key, CallControl control, long deadlineNanos) {
    }

    private final Optional<ProfileName> profile;
    private final boolean active;
    private final long timeoutNanos;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    /** The waiting calls by key as of the last lookup, so that each joined key finds its calls at once. */
    private volatile Map<String, List<Waiting>> byKey = Map.of();

    /** @param profile Agent Assist's profile; without one no desktop can join, and calls are never paused */
    public ResumeWhenJoined(PublishSettings config, Optional<ProfileName> profile, DesktopPresence presence) {
        this.profile = profile;
        this.active = config.startPausedUntilJoined() && profile.isPresent();
        if (config.startPausedUntilJoined() && profile.isEmpty()) {
            LOG.warn("start-paused-until-joined ignored: no conversation profile, so no desktop can join");
        }
        this.timeoutNanos = config.joinTimeout().toNanos();
        if (active) {
            presence.watch(this);
        }
    }

    /** Whether calls are to start paused; the protocol settings follow this. */
    public boolean active() {
        return active;
    }

    /** The backend, with calls that started paused resumed when their desktop joins. */
    public CallListenerFactory wrap(CallListenerFactory backend) {
        if (!active) {
            return backend;
        }
        return (info, control) -> {
            CallListener listener = backend.create(info, control);
            if (!info.startPaused()) {
                return listener;
            }
            String key = ConversationKeys.withoutLocation(profile.orElseThrow().conversationName(info.conversationId()));
            waiting.put(info.sessionId(), new Waiting(info.sessionId(), key, control, System.nanoTime() + timeoutNanos));
            return TeeCallListenerFactory.tee(new ForgetOnEnd(() -> waiting.remove(info.sessionId())), listener);
        };
    }

    /** Calls still waiting for their desktop. */
    public int waiting() {
        return waiting.size();
    }

    /** Resumes the calls whose join timeout is over; the keys of the others are looked for. */
    @Override
    public Collection<String> waitingFor() {
        long now = System.nanoTime();
        Map<String, List<Waiting>> lookedFor = new HashMap<>();
        for (Waiting w : waiting.values()) {
            if (now - w.deadlineNanos() >= 0) {
                LOG.infof("session %s: no desktop joined within the join timeout; resuming", w.sessionId());
                resume(w);
            } else {
                lookedFor.computeIfAbsent(w.key(), k -> new ArrayList<>(1)).add(w);
            }
        }
        byKey = lookedFor;
        return lookedFor.keySet();
    }

    @Override
    public void joined(String key) {
        for (Waiting w : byKey.getOrDefault(key, List.of())) {
            LOG.debugf("session %s: a desktop joined; resuming", w.sessionId());
            resume(w);
        }
    }

    private void resume(Waiting w) {
        if (waiting.remove(w.sessionId(), w)) {
            w.control().resume();
        }
    }

    /** Stops waiting for the desktop once the call is ending. */
    private record ForgetOnEnd(Runnable forget) implements CallListener {
        @Override
        public CompletionStage<Void> closing(String reason) {
            forget.run();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void ended(SessionEnd end) {
            forget.run();
        }
    }
}
