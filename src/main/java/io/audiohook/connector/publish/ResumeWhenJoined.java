package io.audiohook.connector.publish;

import java.util.ArrayList;
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
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;

/**
 * Optional cost control ({@code connector.publish.start-paused-until-joined}), as Google's connector does it:
 * calls start paused and are resumed once a desktop has joined the conversation (its key exists) or after
 * {@code join-timeout}, whichever comes first; while paused Genesys sends no audio and Dialogflow streams nothing.
 * One shared timer checks the keys of all waiting calls with one {@code MGET}. Probes are never paused (the
 * protocol layer answers them unpaused and never hands them to a backend).
 */
public class ResumeWhenJoined implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ResumeWhenJoined.class);

    private record Waiting(String sessionId, String key, CallControl control, long deadlineNanos) {
    }

    private final ReactiveRedisDataSource redis;
    private final Optional<ProfileName> profile;
    private final boolean active;
    private final long timeoutNanos;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final long timer;

    /** @param profile Agent Assist's profile; without one no desktop can join, and calls are never paused */
    public ResumeWhenJoined(ReactiveRedisDataSource redis, PublishSettings config, Optional<ProfileName> profile,
            Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
        this.profile = profile;
        this.active = config.startPausedUntilJoined() && profile.isPresent();
        if (config.startPausedUntilJoined() && profile.isEmpty()) {
            LOG.warn("start-paused-until-joined ignored: no conversation profile, so no desktop can join");
        }
        this.timeoutNanos = config.joinTimeout().toNanos();
        this.timer = active ? vertx.setPeriodic(Math.max(10, config.outbox().pollInterval().toMillis()), id -> tick())
                : -1;
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

    private void tick() {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<Waiting> pending = new ArrayList<>();
        for (Waiting w : waiting.values()) {
            if (now - w.deadlineNanos() >= 0) {
                LOG.infof("session %s: no desktop joined within the join timeout; resuming", w.sessionId());
                resume(w);
            } else {
                pending.add(w);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        redis.execute(Command.MGET, pending.stream().map(Waiting::key).toArray(String[]::new))
                .subscribe().with(reply -> {
                    for (int i = 0; i < pending.size(); i++) {
                        if (reply.get(i) != null) {
                            LOG.debugf("session %s: a desktop joined; resuming", pending.get(i).sessionId());
                            resume(pending.get(i));
                        }
                    }
                }, error -> LOG.debugf("cannot check joined desktops (they resume at the timeout): %s", error.toString()));
    }

    private void resume(Waiting w) {
        if (waiting.remove(w.sessionId(), w)) {
            w.control().resume();
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
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
