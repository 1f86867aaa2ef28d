package io.audiohook.connector.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One AudioHook session seen from the Genesys side: opens the WebSocket, speaks the client half of
 * the protocol, records what the server sends and checks it the way Genesys' reference client
 * does. Problems found in server messages go to {@link #violations()} rather than being thrown,
 * because they are detected on the listener thread.
 *
 * <p>All sends go through one ordered queue; seq, serverseq and position are fixed at the moment
 * a message is queued, so they are consistent with the audio queued before it.
 */
public final class AudioHookClient {

    public static final int MAX_SERVER_TEXT = 65_535;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration SOCKET_CLOSE_GRACE = Duration.ofSeconds(5);

    private final SessionConfig config;
    private final ClientResources resources;
    private final Listener listener = new Listener();
    private volatile WebSocket webSocket;

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private long clientSeq;
    private long lastServerSeq;
    private long samplesSent;
    private long gapNanos;
    private MediaFormat selectedMedia;
    private CompletableFuture<WebSocket> sendTail;
    private int pendingSends;
    private boolean openSent;
    private boolean openedReceived;
    private boolean closeSent;
    private boolean closedReceived;
    private boolean paused;
    private boolean pausedByServer;
    private long pauseStartNanos;
    private long pendingPingSeq = -1;
    private long pingSentNanos;
    private long lastRttNanos = -1;
    private final List<Received> received = new ArrayList<>();
    private long droppedRecords;
    private final List<Waiter> waiters = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    private final AtomicLong binaryFramesReceived = new AtomicLong();
    private final AtomicLong binaryFramesSent = new AtomicLong();
    private final AtomicLong audioBytesSent = new AtomicLong();
    private final CompletableFuture<CloseInfo> closeFuture = new CompletableFuture<>();

    private AudioHookClient(SessionConfig config, ClientResources resources) {
        this.config = config;
        this.resources = resources;
    }

    // ---------------------------------------------------------------- connecting

    /** Performs the upgrade. Never completes exceptionally; look at the result's status. */
    public static CompletableFuture<ConnectResult> connect(SessionConfig config, ClientResources resources) {
        AudioHookClient client = new AudioHookClient(config, resources);
        WebSocket.Builder builder = resources.httpClient().newWebSocketBuilder()
                .connectTimeout(config.connectTimeout);
        client.upgradeHeaders().forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException restricted) {
                // The JDK owns some headers (Host, Connection, Sec-WebSocket-*); those cannot be set.
            }
        });
        return builder.buildAsync(config.uri(), client.listener).handle((ws, error) -> {
            if (error == null) {
                synchronized (client.lock) {
                    client.webSocket = ws;
                    client.sendTail = CompletableFuture.completedFuture(ws);
                }
                return new ConnectResult(client, 101, null);
            }
            Throwable cause = unwrap(error);
            int status = cause instanceof WebSocketHandshakeException
                    ? ((WebSocketHandshakeException) cause).getResponse().statusCode() : -1;
            client.closeFuture.complete(new CloseInfo(CloseInfo.NO_CLOSE_FRAME, "upgrade failed", cause));
            return new ConnectResult(client, status, cause);
        });
    }

    /** The headers a call's upgrade request carries, for a client that upgrades by itself ({@link RawWebSocket}). */
    public static Map<String, String> upgradeHeaders(SessionConfig config) {
        return new AudioHookClient(config, null).upgradeHeaders();
    }

    /** The {@code open} a call starts with (seq 1), as text, for a client that frames it by itself. */
    public static String openMessage(SessionConfig config) {
        return new AudioHookClient(config, null).message("open", 1, openParameters(config)).toString();
    }

    /** The headers the upgrade request will carry, signature included; exposed for tests. */
    public Map<String, String> upgradeHeaders() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (config.apiKey != null) {
            headers.put("X-API-KEY", config.apiKey);
        }
        headers.put("Audiohook-Organization-Id", config.organizationId);
        headers.put("Audiohook-Session-Id", config.sessionId);
        headers.put("Audiohook-Correlation-Id", config.correlationId);
        if (config.userAgent != null) {
            headers.put("User-Agent", config.userAgent);
        }
        if (config.clientSecret != null) {
            GenesysSigner.Input in = new GenesysSigner.Input()
                    .requestTarget(config.requestTarget())
                    .authority(config.authority())
                    .organizationId(config.organizationId)
                    .sessionId(config.sessionId)
                    .correlationId(config.correlationId)
                    .apiKey(config.apiKey == null ? "" : config.apiKey)
                    .secret(config.clientSecret);
            config.signatureTweak.accept(in);
            headers.putAll(config.signer.sign(in).headers());
        }
        headers.keySet().removeIf(name -> config.omittedHeaders.contains(name.toLowerCase(Locale.ROOT)));
        headers.putAll(config.extraHeaders);
        return headers;
    }

    // ---------------------------------------------------------------- client messages

    /** Sends open (seq 1 when called first); completes with the server's opened. */
    public CompletableFuture<Received> open() {
        ObjectNode params = openParameters(config);
        CompletableFuture<Received> opened = whenMessage(type("opened"));
        synchronized (lock) {
            openSent = true;
            send("open", params);
        }
        return opened;
    }

    private static ObjectNode openParameters(SessionConfig config) {
        ObjectNode params = MAPPER.createObjectNode();
        params.put("organizationId", config.organizationId);
        params.put("conversationId", config.conversationId);
        ObjectNode participant = params.putObject("participant");
        participant.put("id", config.participant.id());
        participant.put("ani", config.participant.ani());
        participant.put("aniName", config.participant.aniName());
        participant.put("dnis", config.participant.dnis());
        ArrayNode media = params.putArray("media");
        config.media.forEach(m -> media.add(m.toJson(MAPPER)));
        if (config.language != null) {
            params.put("language", config.language);
        }
        if (config.supportedLanguages != null) {
            params.put("supportedLanguages", config.supportedLanguages);
        }
        if (config.customConfig != null) {
            params.set("customConfig", config.customConfig);
        }
        return params;
    }

    /** Sends ping (with the previous round trip as rtt); completes with the matching pong. */
    public CompletableFuture<Received> sendPing() {
        ObjectNode params = MAPPER.createObjectNode();
        long seq;
        synchronized (lock) {
            if (lastRttNanos >= 0) {
                params.put("rtt", Durations.format(lastRttNanos));
            }
            seq = send("ping", params);
            pendingPingSeq = seq;
            pingSentNanos = System.nanoTime();
        }
        return whenMessage(r -> "pong".equals(r.type()) && r.clientseq() == seq);
    }

    /** Client-initiated pause: audio streaming holds until {@link #sendResumed}. */
    public long sendPaused() {
        synchronized (lock) {
            if (!paused) {
                pauseStartNanos = positionNanosLocked();
            }
            paused = true;
            return send("paused", MAPPER.createObjectNode());
        }
    }

    /** The position after this message is start + discarded plus audio sent before it. */
    public long sendResumed(long startNanos, long discardedNanos) {
        synchronized (lock) {
            gapNanos += discardedNanos;
            paused = false;
            pausedByServer = false;
            return send("resumed", startAndDiscarded(startNanos, discardedNanos));
        }
    }

    public long sendDiscarded(long startNanos, long discardedNanos) {
        synchronized (lock) {
            gapNanos += discardedNanos;
            return send("discarded", startAndDiscarded(startNanos, discardedNanos));
        }
    }

    public long sendUpdate(String language) {
        ObjectNode params = MAPPER.createObjectNode();
        params.put("language", language);
        return send("update", params);
    }

    public long sendError(int code, String message) {
        ObjectNode params = MAPPER.createObjectNode();
        params.put("code", code);
        params.put("message", message);
        return send("error", params);
    }

    /** Sends close; completes with the server's closed (after which the socket is closed). */
    public CompletableFuture<Received> close(String reason) {
        ObjectNode params = MAPPER.createObjectNode();
        params.put("reason", reason);
        CompletableFuture<Received> closed = whenMessage(type("closed"));
        synchronized (lock) {
            closeSent = true;
            send("close", params);
        }
        return closed;
    }

    /** Any message type with the next seq; returns the seq used. */
    public long send(String type, ObjectNode parameters) {
        synchronized (lock) {
            long seq = ++clientSeq;
            enqueueText(message(type, seq, parameters));
            return seq;
        }
    }

    /** A message with an arbitrary seq that does not move the client's counter (seq-error tests). */
    public void sendWithSeq(String type, long seq, ObjectNode parameters) {
        synchronized (lock) {
            enqueueText(message(type, seq, parameters));
        }
    }

    /**
     * Moves the seq counter on by one without sending anything and returns the seq it skipped: the
     * number a corrupted {@link #sendRaw} message should carry so that it counts as sent, or a seq the
     * client "lost" (seq-gap tests). Later messages continue after it.
     */
    public long skipSeq() {
        synchronized (lock) {
            return ++clientSeq;
        }
    }

    /** The message the client would send now, for tests that want to corrupt it before {@link #sendRaw}. */
    public ObjectNode message(String type, long seq, ObjectNode parameters) {
        synchronized (lock) {
            ObjectNode msg = MAPPER.createObjectNode();
            msg.put("version", "2");
            msg.put("id", config.sessionId);
            msg.put("type", type);
            msg.put("seq", seq);
            msg.put("serverseq", lastServerSeq);
            msg.put("position", Durations.format(positionNanosLocked()));
            msg.set("parameters", parameters == null ? MAPPER.createObjectNode() : parameters);
            return msg;
        }
    }

    /** Sends text as given; seq and position bookkeeping are untouched. */
    public CompletableFuture<Void> sendRaw(String text) {
        return enqueue(ws -> ws.sendText(text, true));
    }

    /**
     * Sends a complete client message exactly as given (scripted replays), and lets the
     * bookkeeping that checks the server follow it: the client's seq becomes the message's seq
     * if higher, and an {@code open}, {@code close} or {@code ping} counts as sent, so opened,
     * closed, pong and clientseq are judged as if the client had composed the message itself.
     * Position and pause state are not tracked; the script owns them.
     */
    public CompletableFuture<Void> sendVerbatim(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        synchronized (lock) {
            long seq = node.path("seq").asLong(0);
            clientSeq = Math.max(clientSeq, seq);
            switch (node.path("type").asText("")) {
                case "open" -> openSent = true;
                case "close" -> closeSent = true;
                case "ping" -> {
                    pendingPingSeq = seq;
                    pingSentNanos = System.nanoTime();
                }
                default -> { }
            }
            return sendRaw(text);
        }
    }

    /** Sends bytes as given without counting them as audio. */
    public CompletableFuture<Void> sendRawBinary(byte[] bytes) {
        return enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** One audio frame; advances the position by its samples per channel in the current media. */
    public CompletableFuture<Void> sendAudio(byte[] frame) {
        synchronized (lock) {
            samplesSent += frame.length / currentMedia().frameBytes();
            audioBytesSent.addAndGet(frame.length);
            binaryFramesSent.incrementAndGet();
            return enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(frame), true));
        }
    }

    /** Closes the WebSocket itself (no AudioHook close transaction). */
    public CompletableFuture<Void> closeSocket(int code, String reason) {
        return enqueue(ws -> ws.sendClose(code, reason));
    }

    /** Drops the connection abruptly, as a network failure would. */
    public void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        closeFuture.complete(new CloseInfo(CloseInfo.NO_CLOSE_FRAME, "aborted by client", null));
        failWaiters("aborted by client");
    }

    // ---------------------------------------------------------------- streaming

    /**
     * Streams the source after opened. Real time uses a fixed-rate schedule (no drift, no thread
     * per session); otherwise frames go out as fast as the socket accepts them. Frames are held
     * while paused, and a tick is skipped when the send queue is over its bound. Completes when
     * the source is exhausted, exceptionally if the session ends first.
     *
     * @param pingInterval null for no pings, otherwise pings at that interval while streaming
     */
    public CompletableFuture<Void> streamAudio(AudioSource source, Duration frameDuration, boolean realTime,
                                               Duration pingInterval) {
        Streamer streamer = new Streamer(source, source.samplesPerChannel(frameDuration));
        synchronized (lock) {
            MediaFormat media = selectedMedia;
            if (media == null) {
                streamer.done.completeExceptionally(new IllegalStateException("no media selected (opened missing or empty)"));
                return streamer.done;
            }
            if (media.encoding() != source.encoding() || media.channels().size() != source.channels()) {
                streamer.done.completeExceptionally(new IllegalArgumentException(
                        "source is " + source.encoding() + "/" + source.channels() + "ch but session selected " + media));
                return streamer.done;
            }
        }
        long periodNanos = frameDuration.toNanos();
        ScheduledFuture<?> pacing = realTime
                ? resources.scheduler().scheduleAtFixedRate(streamer::tick, 0, periodNanos, TimeUnit.NANOSECONDS)
                : null;
        if (!realTime) {
            resources.scheduler().execute(streamer::fastTick);
        }
        ScheduledFuture<?> pinger = pingInterval == null ? null
                : resources.scheduler().scheduleAtFixedRate(this::periodicPing, pingInterval.toNanos(),
                        pingInterval.toNanos(), TimeUnit.NANOSECONDS);
        streamer.done.whenComplete((v, e) -> {
            if (pacing != null) {
                pacing.cancel(false);
            }
            if (pinger != null) {
                pinger.cancel(false);
            }
        });
        return streamer.done;
    }

    public CompletableFuture<Void> streamAudio(AudioSource source, Duration frameDuration, boolean realTime) {
        return streamAudio(source, frameDuration, realTime, null);
    }

    private void periodicPing() {
        synchronized (lock) {
            if (closeSent || closeFuture.isDone()) {
                return;
            }
            if (pendingPingSeq >= 0) {
                violationLocked("no pong for ping seq " + pendingPingSeq + " before the next ping was due");
            }
        }
        sendPing();
    }

    private final class Streamer {
        final AudioSource source;
        final int samplesPerFrame;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Streamer(AudioSource source, int samplesPerFrame) {
            this.source = source;
            this.samplesPerFrame = samplesPerFrame;
        }

        /** Returns the send future of the frame, or null when nothing was sent this tick. */
        CompletableFuture<Void> sendNext() {
            if (done.isDone()) {
                return null;
            }
            synchronized (lock) {
                if (closeSent || closeFuture.isDone()) {
                    done.completeExceptionally(new IllegalStateException("session ended while streaming"));
                    return null;
                }
                if (paused || pendingSends > config.maxPendingSends) {
                    return null;
                }
                byte[] frame = source.nextFrame(samplesPerFrame);
                if (frame == null) {
                    done.complete(null);
                    return null;
                }
                return sendAudio(frame);
            }
        }

        void tick() {
            try {
                sendNext();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        void fastTick() {
            try {
                CompletableFuture<Void> sent = sendNext();
                if (done.isDone()) {
                    return;
                }
                if (sent == null) {
                    resources.scheduler().schedule(this::fastTick, 10, TimeUnit.MILLISECONDS);
                } else {
                    sent.whenCompleteAsync((v, e) -> {
                        if (e != null) {
                            done.completeExceptionally(e);
                        } else {
                            fastTick();
                        }
                    }, resources.scheduler());
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    // ---------------------------------------------------------------- recordings and waiting

    public List<Received> messages() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    public List<Received> messagesOfType(String type) {
        synchronized (lock) {
            return received.stream().filter(type(type)).toList();
        }
    }

    public List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    public long binaryFramesReceived() {
        return binaryFramesReceived.get();
    }

    public long binaryFramesSent() {
        return binaryFramesSent.get();
    }

    public long audioBytesSent() {
        return audioBytesSent.get();
    }

    /** Messages not kept because of {@link SessionConfig#maxRecordedMessages}. */
    public long droppedRecords() {
        synchronized (lock) {
            return droppedRecords;
        }
    }

    public SessionConfig config() {
        return config;
    }

    /** The seq of the last client message queued. */
    public long clientSeq() {
        synchronized (lock) {
            return clientSeq;
        }
    }

    public long lastServerSeq() {
        synchronized (lock) {
            return lastServerSeq;
        }
    }

    public long positionNanos() {
        synchronized (lock) {
            return positionNanosLocked();
        }
    }

    /** The media the server picked in opened; null before opened or when it picked none. */
    public MediaFormat selectedMedia() {
        synchronized (lock) {
            return selectedMedia;
        }
    }

    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    public CompletableFuture<CloseInfo> closeFuture() {
        return closeFuture;
    }

    /**
     * Completes with the first recorded message (past or future) matching the predicate; fails
     * when the socket ends without one.
     */
    public CompletableFuture<Received> whenMessage(Predicate<Received> predicate) {
        synchronized (lock) {
            for (Received r : received) {
                if (predicate.test(r)) {
                    return CompletableFuture.completedFuture(r);
                }
            }
            CompletableFuture<Received> future = new CompletableFuture<>();
            if (closeFuture.isDone()) {
                future.completeExceptionally(new IllegalStateException("socket already closed; received " + typesLocked()));
            } else {
                waiters.add(new Waiter(predicate, future));
            }
            return future;
        }
    }

    public Received awaitMessage(String type, Duration timeout) {
        return await(whenMessage(type(type)), timeout, "'" + type + "'");
    }

    public Received awaitMessage(Predicate<Received> predicate, Duration timeout) {
        return await(whenMessage(predicate), timeout, "matching message");
    }

    public CloseInfo awaitClose(Duration timeout) {
        return await(closeFuture, timeout, "WebSocket close");
    }

    public static Predicate<Received> type(String type) {
        return r -> type.equals(r.type());
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout + "; received " + types());
        } catch (ExecutionException e) {
            throw new AssertionError("no " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    private List<String> types() {
        synchronized (lock) {
            return typesLocked();
        }
    }

    private List<String> typesLocked() {
        return received.stream().map(r -> r.type() == null ? "<invalid>" : r.type() + "#" + r.seq()).toList();
    }

    // ---------------------------------------------------------------- internals

    private long positionNanosLocked() {
        return samplesSent * Durations.NANOS_PER_SAMPLE + gapNanos;
    }

    private MediaFormat currentMedia() {
        // Before opened there is no selection; the first offer is what a naive client would assume.
        return selectedMedia != null ? selectedMedia : config.media.get(0);
    }

    private static ObjectNode startAndDiscarded(long startNanos, long discardedNanos) {
        ObjectNode params = MAPPER.createObjectNode();
        params.put("start", Durations.format(startNanos));
        params.put("discarded", Durations.format(discardedNanos));
        return params;
    }

    private void enqueueText(ObjectNode message) {
        String text;
        try {
            text = MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        enqueue(ws -> ws.sendText(text, true));
    }

    /** The JDK allows one outstanding send per socket, so sends are chained. */
    private CompletableFuture<Void> enqueue(java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> op) {
        synchronized (lock) {
            if (sendTail == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
            }
            pendingSends++;
            CompletableFuture<WebSocket> next = sendTail
                    .exceptionally(e -> webSocket)
                    // async: a long backlog must not unwind as one deep stack of completions
                    .thenComposeAsync(op, resources.scheduler());
            next.whenComplete((ws, e) -> {
                synchronized (lock) {
                    pendingSends--;
                }
            });
            sendTail = next;
            return next.thenApply(ws -> null);
        }
    }

    private void violationLocked(String text) {
        violations.add(text);
    }

    private void failWaiters(String why) {
        List<Waiter> pending;
        synchronized (lock) {
            pending = new ArrayList<>(waiters);
            waiters.clear();
        }
        IllegalStateException e = new IllegalStateException(why);
        pending.forEach(w -> w.future.completeExceptionally(e));
    }

    private void onServerText(String text) {
        long now = System.nanoTime();
        JsonNode node = null;
        String parseError = null;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            parseError = e.getOriginalMessage();
        }
        Received r = new Received(now, text, node);
        List<Runnable> reactions = new ArrayList<>();
        List<Waiter> matched = new ArrayList<>();
        synchronized (lock) {
            if (text.length() > MAX_SERVER_TEXT) {
                violationLocked("server text of " + text.length() + " chars exceeds " + MAX_SERVER_TEXT);
            }
            if (closedReceived) {
                violationLocked("message after closed: " + abbreviate(text));
            }
            if (node == null || !node.isObject()) {
                violationLocked("server text is not a JSON object (" + parseError + "): " + abbreviate(text));
            } else {
                validateLocked(node, now, reactions);
            }
            if (received.size() < config.maxRecordedMessages) {
                received.add(r);
            } else {
                droppedRecords++;
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.predicate.test(r)) {
                    matched.add(w);
                    it.remove();
                }
            }
        }
        matched.forEach(w -> w.future.complete(r));
        reactions.forEach(Runnable::run);
    }

    private void validateLocked(JsonNode msg, long now, List<Runnable> reactions) {
        String type = msg.path("type").isTextual() ? msg.get("type").asText() : null;
        String label = (type == null ? "message" : type) + " seq " + msg.path("seq");
        if (!"2".equals(msg.path("version").isTextual() ? msg.get("version").asText() : null)) {
            violationLocked(label + ": version must be the string \"2\", got " + msg.get("version"));
        }
        if (!config.sessionId.equals(msg.path("id").asText(null))) {
            violationLocked(label + ": id " + msg.get("id") + " is not the session id");
        }
        if (type == null) {
            violationLocked(label + ": type missing or not a string");
        }
        if (!msg.path("parameters").isObject()) {
            violationLocked(label + ": parameters object missing");
        }
        if (msg.has("position") || msg.has("serverseq")) {
            violationLocked(label + ": server messages carry neither position nor serverseq");
        }
        JsonNode seqNode = msg.path("seq");
        if (!seqNode.isIntegralNumber()) {
            violationLocked(label + ": seq missing or not an integer");
        } else {
            long seq = seqNode.asLong();
            if (seq != lastServerSeq + 1) {
                violationLocked(label + ": expected seq " + (lastServerSeq + 1));
            }
            lastServerSeq = seq;
        }
        JsonNode clientSeqNode = msg.path("clientseq");
        if (!clientSeqNode.isIntegralNumber()) {
            violationLocked(label + ": clientseq missing or not an integer");
        } else if (clientSeqNode.asLong() > clientSeq || clientSeqNode.asLong() < 0) {
            violationLocked(label + ": clientseq " + clientSeqNode.asLong() + " but last client seq sent is " + clientSeq);
        }
        if (type == null) {
            return;
        }
        JsonNode params = msg.path("parameters");
        switch (type) {
            case "opened" -> onOpened(label, params, reactions);
            case "closed" -> {
                if (!closeSent) {
                    violationLocked(label + ": closed without a close");
                }
                closedReceived = true;
                if (config.autoRespond) {
                    reactions.add(this::closeSocketAfterClosed);
                }
            }
            case "pong" -> {
                if (pendingPingSeq < 0) {
                    violationLocked(label + ": pong without a pending ping");
                } else {
                    if (clientSeqNode.asLong() != pendingPingSeq) {
                        violationLocked(label + ": pong.clientseq " + clientSeqNode.asLong() + " != ping seq " + pendingPingSeq);
                    }
                    lastRttNanos = now - pingSentNanos;
                    pendingPingSeq = -1;
                }
            }
            case "pause" -> {
                if (!openedReceived) {
                    violationLocked(label + ": pause before opened");
                } else if (config.autoRespond && !closeSent) {
                    reactions.add(() -> {
                        synchronized (lock) {
                            pausedByServer = pausedByServer || !paused;
                        }
                        sendPaused();
                    });
                }
            }
            case "resume" -> {
                if (!openedReceived) {
                    violationLocked(label + ": resume before opened");
                } else if (config.autoRespond && !closeSent) {
                    reactions.add(this::answerResume);
                }
            }
            case "disconnect" -> {
                String reason = params.path("reason").asText("");
                if (!List.of("completed", "unauthorized", "error").contains(reason)) {
                    violationLocked(label + ": unknown disconnect reason '" + reason + "'");
                }
                if (config.autoRespond && !closeSent) {
                    reactions.add(() -> close("disconnect"));
                }
            }
            case "event" -> {
                if (!params.path("entities").isArray() || params.path("entities").isEmpty()) {
                    violationLocked(label + ": event without entities");
                }
            }
            case "updated", "reconnect" -> { }
            default -> violationLocked(label + ": unknown server message type");
        }
    }

    private void onOpened(String label, JsonNode params, List<Runnable> reactions) {
        if (!openSent || openedReceived || closeSent) {
            violationLocked(label + ": opened not expected now");
        }
        openedReceived = true;
        JsonNode media = params.path("media");
        if (!media.isArray() || media.size() > 1) {
            violationLocked(label + ": media must be an array of at most one entry, got " + media);
        } else if (media.size() == 1) {
            JsonNode chosen = media.get(0);
            boolean offered = config.media.stream().anyMatch(m -> m.toJson(MAPPER).equals(chosen));
            if (!offered) {
                violationLocked(label + ": media " + chosen + " is not exactly one of the offered entries");
            } else {
                selectedMedia = MediaFormat.fromJson(chosen);
            }
        }
        if (Boolean.TRUE.equals(config.supportedLanguages) && !params.path("supportedLanguages").isArray()) {
            violationLocked(label + ": supportedLanguages was requested but not returned");
        }
        JsonNode startPaused = params.path("startPaused");
        if (!startPaused.isMissingNode() && !startPaused.isBoolean()) {
            violationLocked(label + ": startPaused must be a boolean");
        }
        if (params.has("discardTo")) {
            try {
                Durations.parseNanos(params.get("discardTo").asText());
            } catch (IllegalArgumentException e) {
                violationLocked(label + ": " + e.getMessage());
            }
        }
        if (startPaused.asBoolean(false) && config.autoRespond) {
            reactions.add(() -> {
                synchronized (lock) {
                    pausedByServer = true;
                }
                sendPaused();
            });
        }
    }

    private void answerResume() {
        synchronized (lock) {
            if (paused && !pausedByServer) {
                // Our own pause still holds: Genesys answers paused in that case.
                send("paused", MAPPER.createObjectNode());
                return;
            }
            // The position froze while paused (nothing was dropped), as with Genesys' WAV source.
            sendResumed(paused ? pauseStartNanos : positionNanosLocked(), 0);
        }
    }

    private void closeSocketAfterClosed() {
        closeSocket(WebSocket.NORMAL_CLOSURE, "");
        resources.scheduler().schedule(() -> {
            if (!closeFuture.isDone()) {
                abort();
            }
        }, SOCKET_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private record Waiter(Predicate<Received> predicate, CompletableFuture<Received> future) {
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private boolean textTooLong;

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            // Keep memory bounded even if a server streams an endless message.
            if (text.length() + data.length() <= 4 * MAX_SERVER_TEXT) {
                text.append(data);
            } else {
                textTooLong = true;
            }
            if (last) {
                String message = text.toString();
                boolean tooLong = textTooLong;
                text.setLength(0);
                textTooLong = false;
                if (tooLong) {
                    synchronized (lock) {
                        violationLocked("server text message longer than " + 4 * MAX_SERVER_TEXT + " chars, truncated");
                    }
                }
                try {
                    onServerText(message);
                } catch (RuntimeException e) {
                    synchronized (lock) {
                        violationLocked("client failed handling " + abbreviate(message) + ": " + e);
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                binaryFramesReceived.incrementAndGet();
                synchronized (lock) {
                    violationLocked("binary message from the server (Genesys answers 415)");
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeFuture.complete(new CloseInfo(statusCode, reason, null));
            failWaiters("WebSocket closed (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeFuture.complete(new CloseInfo(CloseInfo.NO_CLOSE_FRAME, String.valueOf(error), error));
            failWaiters("WebSocket error: " + error);
        }
    }
}
