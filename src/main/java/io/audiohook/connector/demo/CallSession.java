package io.audiohook.connector.demo;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client half of AudioHook for one demo call, as Genesys plays it: upgrade, {@code open}, the recording in
 * real time, pings, pause and resume when asked, {@code close} at the end, {@code closed}. Each step has a
 * deadline, so every call ends. Its timers run on the caller's one scheduler; it owns no thread.
 *
 * <p>State is guarded by {@code this}; the call's end and the listener are reached outside the lock, so code that
 * waits on {@link #done()} never runs under it.
 */
final class CallSession implements SocketListener.Events {
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_CLOSE_GRACE = Duration.ofSeconds(5);
    static final Duration MAX_PAUSE = Duration.ofSeconds(60);
    /** A second of audio waiting for the socket: beyond it a frame waits a tick (delayed, never dropped). */
    private static final int MAX_PENDING_SENDS = 50;

    private enum State { CONNECTING, OPENING, STREAMING, PAUSED, CLOSING, ENDED }

    private final DemoCall call;
    private final Target target;
    private final CallIds ids;
    private final DemoListener listener;
    private final Recording recording;
    private final CallTimers timers;
    private final long placedNanos = System.nanoTime();
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    // guarded by this
    private State state = State.CONNECTING;
    private Sender sender;
    private int cursor;
    private Duration openedAfter;
    private final Pings pings = new Pings();
    private String disconnected;
    private String failure;
    private final List<TranscriptLine> transcript = new ArrayList<>();

    CallSession(DemoCall call, Target target, CallIds ids, DemoListener listener,
            ScheduledExecutorService scheduler, Recording recording) {
        this.call = call;
        this.target = target;
        this.ids = ids;
        this.listener = listener;
        this.recording = recording;
        this.timers = new CallTimers(scheduler, e -> abort("the demo call failed: " + ServerEvents.describe(e)));
    }

    CompletableFuture<Outcome> done() {
        return done;
    }

    void start(HttpClient http) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(STEP_TIMEOUT);
        UpgradeHeaders.of(target, ids).forEach(builder::header);
        builder.buildAsync(target.uri(), new SocketListener(this)).whenComplete(this::connected);
    }

    private void connected(WebSocket socket, Throwable error) {
        if (error != null) {
            finish(ServerEvents.refused(error) ? Outcome.Status.REFUSED : Outcome.Status.FAILED,
                    ServerEvents.upgradeFailure(error, STEP_TIMEOUT));
            return;
        }
        synchronized (this) {
            if (state == State.CONNECTING) {
                sender = new Sender(socket, ids.sessionId(), recording.bytesPerSample());
                state = State.OPENING;
                sender.text("open", OpenMessage.parameters(ids, target.customConfigJson()));
                timers.deadline(STEP_TIMEOUT, () -> abort("no opened within " + STEP_TIMEOUT.toSeconds() + " s"));
                return;
            }
        }
        socket.abort(); // hung up, or the caller closed, while connecting
    }

    // ---------------------------------------------------------------- what the server says

    @Override
    public void message(JsonNode message) {
        synchronized (this) {
            if (sender != null && message.path("seq").canConvertToLong()) {
                sender.serverSeq(message.path("seq").asLong());
            }
        }
        JsonNode parameters = message.path("parameters");
        switch (message.path("type").asText("")) {
            case "opened" -> opened(parameters);
            case "pong" -> pong();
            case "pause" -> pause();
            case "resume" -> resume();
            case "disconnect" -> disconnect(parameters);
            case "event" -> transcripts(ServerEvents.transcripts(parameters));
            case "closed" -> closed();
            default -> { } // updated, reconnect, and what a newer server may send: nothing a demo call must do
        }
    }

    private void opened(JsonNode parameters) {
        synchronized (this) {
            if (state != State.OPENING) {
                return;
            }
            openedAfter = Duration.ofNanos(System.nanoTime() - placedNanos);
            JsonNode media = parameters.path("media");
            if (!media.isArray() || media.size() != 1 || !media.get(0).equals(OpenMessage.OFFER)) {
                failure = "the server took no stereo audio (opened with media " + media + ")";
                close("end");
                return;
            }
            timers.clearDeadline(); // the recording's length is the only limit while it streams
            state = State.STREAMING;
            if (parameters.path("startPaused").asBoolean(false)) {
                pause();
            }
            timers.stream(this::tick, this::ping);
        }
        notifyListener(() -> listener.opened(call));
    }

    private synchronized void pong() {
        pings.pong();
    }

    /**
     * Also when already paused: Genesys acknowledges a repeated pause again. A pause nobody ends would keep the
     * call forever (a service that waits for an agent desktop to join, and none does), so it has a deadline.
     */
    private synchronized void pause() {
        if (state == State.STREAMING || state == State.PAUSED) {
            if (state == State.STREAMING) {
                timers.deadline(MAX_PAUSE, this::pausedTooLong);
            }
            state = State.PAUSED;
            sender.text("paused", Sender.parameters());
        }
    }

    /** The recording waited where it was: nothing was discarded, so the position goes on from the pause. */
    private synchronized void resume() {
        if (state == State.STREAMING || state == State.PAUSED) {
            timers.clearDeadline();
            state = State.STREAMING;
            sender.text("resumed", Sender.parameters().put("start", sender.position()).put("discarded", "PT0S"));
        }
    }

    private synchronized void pausedTooLong() {
        if (state == State.PAUSED) {
            failure = "paused by the server for " + MAX_PAUSE.toSeconds() + " s (does it wait for an agent desktop"
                    + " to join the conversation?)";
            close("end");
        }
    }

    private synchronized void disconnect(JsonNode parameters) {
        if (state == State.OPENING || state == State.STREAMING || state == State.PAUSED) {
            disconnected = ServerEvents.disconnect(parameters);
            close("disconnect");
        }
    }

    private void transcripts(List<TranscriptLine> lines) {
        synchronized (this) {
            for (TranscriptLine line : lines) {
                if (transcript.size() < Outcome.MAX_LINES) {
                    transcript.add(line);
                }
            }
        }
        lines.forEach(line -> notifyListener(() -> listener.transcript(call, line)));
    }

    private void closed() {
        Outcome.Status status;
        String detail;
        Sender closing;
        synchronized (this) {
            if (state == State.ENDED || state == State.CONNECTING) {
                return; // nothing to close yet: the upgrade's own end decides
            }
            if (state != State.CLOSING) {
                failure = "the server sent closed before the call closed";
            }
            status = failure != null ? Outcome.Status.FAILED
                    : disconnected != null ? Outcome.Status.DISCONNECTED : Outcome.Status.COMPLETED;
            detail = failure != null ? failure : disconnected != null ? disconnected : "";
            closing = sender;
            closing.closeSocket();
        }
        timers.later(SOCKET_CLOSE_GRACE, closing::abort); // in case the server never finishes the close handshake
        finish(status, detail);
    }

    @Override
    public synchronized void unusable(String what) {
        if (state == State.OPENING || state == State.STREAMING || state == State.PAUSED) {
            closeWithError("the server sent " + what, 400, "Malformed message");
        }
    }

    @Override
    public void socketEnded(int code, String reason, Throwable error) {
        finish(Outcome.Status.FAILED, ServerEvents.socketEnded(code, reason, error));
    }

    // ---------------------------------------------------------------- what the call does on its own

    private synchronized void tick() {
        if (state != State.STREAMING || sender.pending() > MAX_PENDING_SENDS) {
            return;
        }
        byte[] frame = recording.frameAt(cursor);
        if (frame == null) {
            close("end");
            return;
        }
        cursor += frame.length;
        sender.audio(frame);
    }

    /** Like Genesys: a ping still unanswered when the next is due ends the call (error 408, close error). */
    private synchronized void ping() {
        if (state != State.STREAMING && state != State.PAUSED) {
            return;
        }
        if (pings.overdue()) {
            closeWithError("no pong within " + CallTimers.PING_EVERY.toSeconds() + " s of a ping", 408,
                    "Timeout waiting for pong");
            return;
        }
        sender.text("ping", pings.next());
    }

    /** Ends the call early: close/end once opened, otherwise the connection is dropped. */
    void hangUp() {
        synchronized (this) {
            if (state == State.STREAMING || state == State.PAUSED) {
                close("end");
                return;
            }
            if (state == State.CLOSING || state == State.ENDED) {
                return;
            }
        }
        abort("hung up before the call was opened");
    }

    /** Drops the connection now; the call fails with {@code why} (unless it has ended already). */
    void abort(String why) {
        Sender current;
        synchronized (this) {
            current = sender;
        }
        if (current != null) {
            current.abort();
        }
        finish(Outcome.Status.FAILED, why);
    }

    // ---------------------------------------------------------------- internals

    /** Under the lock: stops the audio and the pings, sends close, and gives closed a deadline. */
    private void close(String reason) {
        state = State.CLOSING;
        timers.stopStreaming();
        sender.text("close", Sender.parameters().put("reason", reason));
        timers.deadline(STEP_TIMEOUT, () -> abort("no closed within " + STEP_TIMEOUT.toSeconds() + " s of close"));
    }

    /** Under the lock: what Genesys does about a fault it finds, {@code error} then {@code close} reason error. */
    private void closeWithError(String why, int code, String message) {
        failure = why;
        sender.text("error", Sender.parameters().put("code", code).put("message", message));
        close("error");
    }

    private void finish(Outcome.Status status, String detail) {
        Outcome outcome;
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            timers.cancelAll();
            outcome = new Outcome(status, detail, openedAfter, Duration.ofNanos(System.nanoTime() - placedNanos),
                    transcript);
        }
        done.complete(outcome);
    }

    /** The listener is the caller's code: whatever it throws must not break the call. */
    private static void notifyListener(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // deliberately dropped: a listener's failure is not the call's
        }
    }
}
