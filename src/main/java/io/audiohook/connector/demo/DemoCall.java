package io.audiohook.connector.demo;

import java.net.http.HttpClient;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A demo call that has been placed: its ids as the service sees them (the Genesys conversation id is what the
 * transcript API, the desktop and the logs know it by) and its end. Made by {@link DemoCaller#place}.
 */
public final class DemoCall {
    private final CallIds ids;
    private final CallSession session;

    DemoCall(Target target, DemoListener listener, ScheduledExecutorService scheduler, Recording recording) {
        this.ids = CallIds.fresh(target);
        this.session = new CallSession(this, target, ids, listener, scheduler, recording);
    }

    void start(HttpClient http) {
        session.start(http);
    }

    /** The AudioHook session id ({@code Audiohook-Session-Id}, the {@code id} of every message). */
    public String sessionId() {
        return ids.sessionId();
    }

    /** The Genesys conversation id the call sends in {@code open}. */
    public String conversationId() {
        return ids.conversationId();
    }

    /** Completes once the call has ended, however it ended; never exceptionally. */
    public CompletionStage<Outcome> done() {
        return session.done().minimalCompletionStage();
    }

    /** Ends the call before the recording does: {@code close} with reason {@code end} once it is open. */
    public void hangUp() {
        session.hangUp();
    }

    void abort(String why) {
        session.abort(why);
    }

    @Override
    public String toString() {
        return "DemoCall[conversation " + ids.conversationId() + ", session " + ids.sessionId() + "]";
    }
}
