package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.AudioEncoding;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.AudioSource;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.GeneratedSpeechLikeSource;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load client for an AudioHook connector, here or deployed (see bench/README.md, {@code bench/load.sh}).
 *
 * <p>Opens {@code sessions} concurrent calls spread evenly over {@code ramp} seconds, each signed like Genesys
 * (API key plus HTTP message signature with the client secret). After {@code opened} a call streams stereo PCMU in
 * real time, 200 ms frames: the speech fixture looped from a random offset, or generated speech-like audio. It
 * pings every {@code ping} seconds and, with the flags, pauses and resumes or reports discarded audio now and then.
 * Once every session has started (or failed), the client waits {@code settle} seconds, then holds a steady window
 * of {@code duration} seconds, then closes every call ({@code close}/{@code closed}).
 *
 * <p>With {@code --call-seconds S} the sessions are slots that churn ({@link CallChurn}): each call ends after
 * S seconds ± 20 % ({@code --call-jitter}) with {@code close}/{@code end}, and once it is {@code closed} the slot
 * places its next call at once, from the ramp to the end of the window ({@code --one-call}: each slot places one
 * call only). The summary then also counts the calls completed and failed.
 *
 * <p>Summary: sessions opened and failed, time to {@code opened} (queueing {@code open} until {@code opened}, and
 * from the start of the upgrade), pong round trip, audio sent and frames the client had to skip (socket
 * back-pressure), errors by kind, protocol violations of the server. Printed and, with {@code --out}, written as
 * JSON. Exit code 1 when a session failed or the server violated the protocol.
 *
 * <p>No thread per session: every session shares one HTTP client and a small scheduler ({@link ClientResources}).
 * All waits are bounded.
 */
public final class LoadClient {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String SPEECH = "/demo/two-party-call.pcmu.wav";
    static final Duration FRAME = Duration.ofMillis(200);

    /** Options; every duration in whole seconds. */
    public static final class Options {
        public URI uri;
        public String apiKey;
        public String secret;
        public int sessions = 10;
        public int rampSeconds = -1; // default max(1, sessions / 50)
        public int settleSeconds = 5;
        public int durationSeconds = 30;
        public int pingSeconds = 5;
        public String audio = "speech"; // or "generated"
        public int pauseEverySeconds; // 0: never pause
        public int pauseSeconds = 2;
        public int discardEverySeconds; // 0: never send discarded
        public int stepTimeoutSeconds = 10;
        public Path out;
        public boolean quiet;
        public String desktopRedis; // host:port: play a UI connector with a desktop joined to every call
        public int callSeconds; // 0: every call lasts the whole run; else each slot places consecutive calls
        public double callJitter = CallChurn.JITTER; // with callSeconds: each call lasts callSeconds ± this fraction
        public boolean oneCall; // with callSeconds: each slot places one call only (no next call, no retry)

        public static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    throw new IllegalArgumentException("help");
                }
                if (a.equals("--quiet")) {
                    o.quiet = true;
                    continue;
                }
                if (a.equals("--one-call")) {
                    o.oneCall = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--uri" -> o.uri = URI.create(v);
                    case "--api-key" -> o.apiKey = v;
                    case "--secret" -> o.secret = v;
                    case "--sessions" -> o.sessions = number(a, v, 1);
                    case "--ramp" -> o.rampSeconds = number(a, v, 0);
                    case "--settle" -> o.settleSeconds = number(a, v, 0);
                    case "--duration" -> o.durationSeconds = number(a, v, 1);
                    case "--ping" -> o.pingSeconds = number(a, v, 0);
                    case "--pause-every" -> o.pauseEverySeconds = number(a, v, 0);
                    case "--pause-length" -> o.pauseSeconds = number(a, v, 1);
                    case "--discard-every" -> o.discardEverySeconds = number(a, v, 0);
                    case "--step-timeout" -> o.stepTimeoutSeconds = number(a, v, 1);
                    case "--out" -> o.out = Path.of(v);
                    case "--desktop-redis" -> o.desktopRedis = v;
                    case "--call-seconds" -> o.callSeconds = number(a, v, 0);
                    case "--call-jitter" -> o.callJitter = Double.parseDouble(v);
                    case "--audio" -> {
                        if (!v.equals("speech") && !v.equals("generated")) {
                            throw new IllegalArgumentException("--audio is speech or generated");
                        }
                        o.audio = v;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.uri == null || o.apiKey == null || o.secret == null) {
                throw new IllegalArgumentException("--uri, --api-key and --secret are required");
            }
            return o.withDefaults();
        }

        Options withDefaults() {
            if (rampSeconds < 0) {
                rampSeconds = Math.max(1, sessions / 50);
            }
            if (pauseEverySeconds > 0 && pauseSeconds >= pauseEverySeconds) {
                throw new IllegalArgumentException("--pause-length must be shorter than --pause-every");
            }
            return this;
        }

        private static int number(String name, String value, int min) {
            int n = Integer.parseInt(value);
            if (n < min || n > 100_000) {
                throw new IllegalArgumentException(name + " must be between " + min + " and 100000");
            }
            return n;
        }

        static final String USAGE = """
                usage: LoadClient --uri wss://host/audiohook/ws --api-key KEY --secret BASE64
                       [--sessions 10] [--ramp max(1,N/50)] [--settle 5] [--duration 30] [--ping 5]
                       [--audio speech|generated] [--pause-every 0] [--pause-length 2] [--discard-every 0]
                       [--step-timeout 10] [--out summary.json] [--quiet] [--desktop-redis 127.0.0.1:6379]
                       [--call-seconds 0] [--call-jitter 0.2] [--one-call]
                Durations in seconds; --pause-every/--discard-every 0 turn pauses and discarded off.
                --call-seconds S: each session slot places consecutive calls of S s (± 20 %), each ended with
                close/end, the next one opened at once, for the whole run (0: one call per slot).
                --call-jitter F: with --call-seconds, each call lasts S × (1 ± F), uniformly (0: exactly S).
                --one-call: with --call-seconds, each slot places one call only, not retried if it fails.""";
    }

    /** Called at the edges of the steady window, on the thread that runs the load (may block). */
    public interface Window {
        default void started() {
        }

        default void ended() {
        }
    }

    private final Options o;
    private final ClientResources resources;
    private final WavAudioSource.Wav speech = WavAudioSource.Wav.fromResource(SPEECH);

    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<long[]> pongs = new ConcurrentLinkedQueue<>(); // {sentNanos, rttNanos}
    private final ConcurrentLinkedQueue<long[]> opens = new ConcurrentLinkedQueue<>(); // {openNanos, connectToOpenedNanos}
    private final AtomicInteger startFailed = new AtomicInteger();
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger discards = new AtomicInteger();
    private final AtomicLong latePongs = new AtomicLong();
    /** Every call that reached {@code opened}, in order. */
    private final ConcurrentLinkedQueue<SessionConfig> openedCalls = new ConcurrentLinkedQueue<>();
    /** Null unless {@code --call-seconds}. */
    private final CallChurn churn;
    /** What the calls churn mode ended and dropped from {@link #sessions} leave for the summary. */
    private final CallTally retired = new CallTally();

    public LoadClient(Options options, ClientResources resources) {
        this.o = options.withDefaults();
        this.resources = resources;
        this.churn = o.callSeconds > 0 ? new CallChurn(o.callSeconds, o.callJitter, o.oneCall) : null;
    }

    public static void main(String[] args) throws Exception {
        BenchRun.widenCommonPool(); // before CompletableFuture is first used
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals("help")) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        ObjectNode summary;
        try (ClientResources resources = ClientResources.create()) {
            summary = new LoadClient(options, resources).run(new Window() {
            });
        }
        System.out.print(text(summary));
        if (options.out != null) {
            write(options.out, summary);
            System.out.println("JSON written to " + options.out);
        }
        System.exit(summary.get("sessions_failed").asInt() == 0 && summary.get("client_violations").asInt() == 0 ? 0 : 1);
    }

    static void write(Path out, ObjectNode node) throws java.io.IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, JSON.writeValueAsString(node) + "\n");
    }

    // ------------------------------------------------------------------ the run

    private final class Session {
        final AudioHookClient client;
        volatile boolean streaming;
        volatile String failure;
        final List<ScheduledFuture<?>> timers = new ArrayList<>();
        final AtomicBoolean pingOutstanding = new AtomicBoolean();
        /** Set once by whoever ends the call: its churn or the end of the run. */
        final AtomicBoolean ending = new AtomicBoolean();

        Session(AudioHookClient client) {
            this.client = client;
        }

        void fail(String why) {
            if (failure == null) {
                failure = why;
            }
        }
    }

    /** Runs the whole load (ramp, settle, window, close) and returns the summary. */
    public ObjectNode run(Window window) throws InterruptedException {
        if (o.desktopRedis != null) {
            try (DesktopDouble d = DesktopDouble.parse(o.desktopRedis)) {
                desktop = d;
                ObjectNode summary = runLoad(window);
                Thread.sleep(1000); // the last events of the closed calls
                summary.put("desktop_messages_received", d.received());
                summary.put("calls_transcribed_both_roles", openedCalls.stream()
                        .filter(c -> d.transcribedRoles(c.conversationId()).size() >= 2).count());
                return summary;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("desktop double: " + e, e);
            }
        }
        return runLoad(window);
    }

    private volatile DesktopDouble desktop;

    private ObjectNode runLoad(Window window) throws InterruptedException {
        log("load: %d sessions to %s, ramp %d s, settle %d s, window %d s, audio %s%s%n", o.sessions, o.uri,
                o.rampSeconds, o.settleSeconds, o.durationSeconds, o.audio,
                churn == null ? "" : ", " + callsDescription());
        long rampNanos = TimeUnit.SECONDS.toNanos(o.rampSeconds);
        long t0 = System.nanoTime();
        List<ScheduledFuture<?>> starts = new ArrayList<>();
        for (int i = 0; i < o.sessions; i++) {
            long delay = o.sessions <= 1 ? 0 : rampNanos * i / o.sessions;
            starts.add(resources.scheduler().schedule(this::start, delay, TimeUnit.NANOSECONDS));
        }
        long deadline = t0 + rampNanos + TimeUnit.SECONDS.toNanos(3L * o.stepTimeoutSeconds);
        while (opens.size() + startFailed.get() < o.sessions && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double rampSeconds = (System.nanoTime() - t0) / 1e9;
        log("  %d sessions streaming, %d failed to start (%.1f s); settle %d s%n", streamingCount(),
                startFailed.get(), rampSeconds, o.settleSeconds);
        Thread.sleep(TimeUnit.SECONDS.toMillis(o.settleSeconds));

        long frames0 = framesSent();
        long windowStart = System.nanoTime();
        window.started();
        long measuredStart = System.nanoTime();
        long end = measuredStart + TimeUnit.SECONDS.toNanos(o.durationSeconds);
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(end - now, 1_000_000_000L));
        }
        long frames1 = framesSent();
        long windowEnd = System.nanoTime();
        // calls that churn mode is ending on purpose have streaming off
        int endedEarly = (int) sessions.stream()
                .filter(s -> s.failure != null || (s.streaming && s.client.closeFuture().isDone())).count();
        window.ended();

        for (ScheduledFuture<?> f : starts) {
            f.cancel(false);
        }
        closeAll();
        return summary(rampSeconds, windowStart, windowEnd, frames1 - frames0, endedEarly);
    }

    /** Churn mode's calls, as the log and the summary say it. */
    private String callsDescription() {
        return String.format(Locale.ROOT, "%s of %d s ± %.0f %% per session", o.oneCall ? "one call" : "consecutive calls",
                o.callSeconds, o.callJitter * 100);
    }

    private long streamingCount() {
        return sessions.size();
    }

    private long framesSent() {
        long n = retired.frames();
        for (Session s : sessions) {
            n += s.client.binaryFramesSent();
        }
        return n;
    }

    private SessionConfig config() {
        return SessionConfig.call(o.uri).apiKey(o.apiKey).clientSecret(o.secret).language("en-US")
                .maxRecordedMessages(200);
    }

    private void start() {
        long t0 = System.nanoTime();
        long step = TimeUnit.SECONDS.toMillis(o.stepTimeoutSeconds);
        SessionConfig config = config();
        if (desktop != null) {
            try {
                desktop.join(config.conversationId());
            } catch (java.io.IOException e) {
                error("desktop join: " + describe(e));
            }
        }
        CompletableFuture<Session> placed = AudioHookClient.connect(config, resources).orTimeout(step, TimeUnit.MILLISECONDS).thenCompose(cr -> {
            if (!cr.connected()) {
                return CompletableFuture.failedFuture(new IllegalStateException("upgrade HTTP " + cr.httpStatus()));
            }
            Session s = new Session(cr.client());
            long tOpen = System.nanoTime();
            CompletableFuture<Session> ready = s.client.open().orTimeout(step, TimeUnit.MILLISECONDS).thenApply(opened -> {
                opens.add(new long[] {opened.nanoTime() - tOpen, opened.nanoTime() - t0});
                openedCalls.add(config);
                s.streaming = true;
                sessions.add(s);
                stream(s);
                if (churn != null) {
                    // placed after the run stopped churning: ended at once, and waited for
                    long length = churn.stopped() ? 0 : churn.nextCallNanos();
                    resources.scheduler().schedule(() -> endCall(s), length, TimeUnit.NANOSECONDS);
                }
                return s;
            });
            ready.whenComplete((v, e) -> {
                if (e != null) {
                    s.client.abort();
                }
            });
            return ready;
        });
        placed.whenComplete((s, e) -> {
            if (e != null) {
                startFailed.incrementAndGet();
                error("start: " + describe(e));
                if (churn != null && !churn.stopped()) {
                    churn.failed();
                    if (churn.placesNext()) {
                        // the slot tries again, a second later so that a refusing server is not hammered
                        resources.scheduler().schedule(this::start, 1, TimeUnit.SECONDS);
                    }
                }
            }
        });
        if (churn != null) {
            churn.track(placed);
        }
    }

    /** Churn mode: ends the call with {@code close}/{@code end}, then places the slot's next call. */
    private void endCall(Session s) {
        if (!s.ending.compareAndSet(false, true)) {
            return; // the end of the run is closing it
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        churn.track(done);
        close(s).whenComplete((v, e) -> {
            if (s.failure == null) {
                churn.completed();
            } else {
                churn.failed();
            }
            retire(s);
            if (churn.placesNext()) {
                resources.scheduler().execute(this::start); // start() may block (the desktop's join)
            }
            done.complete(null);
        });
    }

    /** Stops the session's timers and runs the close transaction (bounded); aborts it when that fails. */
    private CompletableFuture<Void> close(Session s) {
        synchronized (s.timers) {
            s.timers.forEach(t -> t.cancel(false));
        }
        boolean live = live(s);
        s.streaming = false;
        if (!live) {
            if (s.failure == null && s.client.closeFuture().isDone()) { // before its streaming noticed
                s.fail("ended before close");
                error(s.failure);
            }
            return CompletableFuture.completedFuture(null);
        }
        long step = TimeUnit.SECONDS.toMillis(o.stepTimeoutSeconds);
        return s.client.close("end").thenCompose(r -> s.client.closeFuture())
                .orTimeout(2 * step, TimeUnit.MILLISECONDS)
                .<Void>thenApply(r -> null)
                .exceptionally(e -> {
                    s.fail("close: " + describe(e));
                    error(s.failure);
                    s.client.abort();
                    return null;
                });
    }

    /** A call churn mode ended: its figures go to {@link #retired}, the session itself out of the live list. */
    private void retire(Session s) {
        retired.add(s.client, s.failure != null);
        sessions.remove(s);
    }

    private void stream(Session s) {
        s.client.streamAudio(newSource(), FRAME, true).whenComplete((v, e) -> {
            if (s.streaming) {
                s.fail(e == null ? "audio source ended" : "streaming: " + describe(e));
                error(s.failure);
            }
        });
        ThreadLocalRandom random = ThreadLocalRandom.current();
        synchronized (s.timers) {
            if (o.pingSeconds > 0) {
                long ping = TimeUnit.SECONDS.toNanos(o.pingSeconds);
                s.timers.add(resources.scheduler().scheduleAtFixedRate(() -> ping(s), ping, ping, TimeUnit.NANOSECONDS));
            }
            if (o.pauseEverySeconds > 0) {
                long every = TimeUnit.SECONDS.toNanos(o.pauseEverySeconds);
                s.timers.add(resources.scheduler().scheduleAtFixedRate(() -> pause(s), random.nextLong(every / 2, every),
                        every, TimeUnit.NANOSECONDS));
            }
            if (o.discardEverySeconds > 0) {
                long every = TimeUnit.SECONDS.toNanos(o.discardEverySeconds);
                s.timers.add(resources.scheduler().scheduleAtFixedRate(() -> discard(s), random.nextLong(every / 2, every),
                        every, TimeUnit.NANOSECONDS));
            }
        }
    }

    private boolean live(Session s) {
        return s.streaming && !s.client.closeFuture().isDone();
    }

    private void ping(Session s) {
        if (!live(s)) {
            return;
        }
        if (!s.pingOutstanding.compareAndSet(false, true)) {
            latePongs.incrementAndGet(); // the previous ping is unanswered: count it, do not pile up more
            return;
        }
        long sent = System.nanoTime();
        s.client.sendPing().orTimeout(TimeUnit.SECONDS.toMillis(o.stepTimeoutSeconds), TimeUnit.MILLISECONDS)
                .whenComplete((Received pong, Throwable e) -> {
                    s.pingOutstanding.set(false);
                    if (e != null) {
                        if (live(s)) {
                            error("ping: " + describe(e));
                        }
                    } else {
                        pongs.add(new long[] {sent, pong.nanoTime() - sent});
                    }
                });
    }

    /** Genesys-style hold: paused, no audio for a while, resumed with the held time reported as discarded. */
    private void pause(Session s) {
        if (!live(s) || s.client.isPaused()) {
            return;
        }
        long start = s.client.positionNanos();
        s.client.sendPaused();
        pauses.incrementAndGet();
        long length = TimeUnit.SECONDS.toNanos(o.pauseSeconds);
        resources.scheduler().schedule(() -> {
            if (live(s)) {
                s.client.sendResumed(start, length);
            }
        }, length, TimeUnit.NANOSECONDS);
    }

    /** Audio lost on the Genesys side: a 400 ms gap announced with discarded. */
    private void discard(Session s) {
        if (live(s) && !s.client.isPaused()) {
            s.client.sendDiscarded(s.client.positionNanos(), 400_000_000L);
            discards.incrementAndGet();
        }
    }

    private void closeAll() throws InterruptedException {
        if (churn != null) {
            churn.stop();
        }
        List<CompletableFuture<?>> closes = new ArrayList<>();
        long step = TimeUnit.SECONDS.toMillis(o.stepTimeoutSeconds);
        for (Session s : sessions) {
            if (s.ending.compareAndSet(false, true)) {
                closes.add(close(s).thenRun(() -> {
                    if (churn != null && s.failure == null) {
                        churn.completed();
                    } else if (churn != null) {
                        churn.failed();
                    }
                }));
            }
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(3 * step, TimeUnit.MILLISECONDS);
            // churn mode: the calls being placed or ended when it stopped
            if (churn != null && !churn.awaitQuiet(3 * step)) {
                error("close: calls still being placed or ended");
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            error("close: " + describe(e));
            sessions.forEach(s -> s.client.abort());
        }
    }

    private AudioSource newSource() {
        if (o.audio.equals("generated")) {
            return new GeneratedSpeechLikeSource(AudioEncoding.PCMU, 2, Duration.ofHours(24));
        }
        return new ServerBenchmark.LoopingSource(speech, ThreadLocalRandom.current().nextInt((int) speech.samplesPerChannel()));
    }

    private void error(String kind) {
        errors.computeIfAbsent(kind.replaceAll("\\d+", "#"), k -> new AtomicInteger()).incrementAndGet();
    }

    private void log(String format, Object... args) {
        if (!o.quiet) {
            System.out.printf(Locale.ROOT, format, args);
        }
    }

    // ------------------------------------------------------------------ summary

    private ObjectNode summary(double rampSeconds, long windowStart, long windowEnd, long framesInWindow, int endedEarly) {
        ObjectNode node = JSON.createObjectNode();
        node.put("date", Instant.now().toString());
        node.put("uri", o.uri.toString());
        node.put("sessions", o.sessions);
        node.put("ramp_seconds", o.rampSeconds);
        node.put("ramp_took_seconds", round(rampSeconds, 2));
        node.put("settle_seconds", o.settleSeconds);
        node.put("audio", o.audio.equals("speech") ? "fixture " + SPEECH + " looped (stereo PCMU)"
                : "GeneratedSpeechLikeSource (stereo PCMU)");
        node.put("sessions_opened", opens.size());
        ArrayNode ids = node.putArray("session_ids");
        openedCalls.forEach(c -> ids.add(c.sessionId()));
        CallTally all = retired.copy();
        sessions.forEach(x -> all.add(x.client, x.failure != null));
        node.put("sessions_failed", startFailed.get() + all.failures());
        node.put("sessions_ended_before_window_end", endedEarly);
        node.put("client_violations", all.violations());
        // of the messages each client keeps (the first 200): transcription mode's transcripts back to Genesys
        node.put("transcript_events_received", all.transcripts());
        node.set("violation_kinds", counts(all.violationKinds()));
        if (churn != null) {
            node.put("call_seconds", o.callSeconds);
            node.put("calls", callsDescription());
            node.put("calls_completed", churn.callsCompleted());
            node.put("calls_failed", churn.callsFailed());
        }
        node.set("errors", counts(new TreeMap<>(errors)));
        double windowSeconds = (windowEnd - windowStart) / 1e9;
        node.put("window_seconds", round(windowSeconds, 3));
        // churn mode: the slots stream all along, but for the moments between one call and the next
        int streams = churn == null ? sessions.size() : o.sessions;
        node.put("audio_seconds_nominal", round(streams * windowSeconds, 1));
        double sent = framesInWindow * FRAME.toNanos() / 1e9;
        node.put("audio_seconds_sent_in_window", round(sent, 1));
        if (churn == null) { // with churn, the gaps between calls are not skipped frames
            node.put("audio_frames_skipped_in_window", Math.max(0, Math.round((streams * windowSeconds - sent)
                    * 1e9 / FRAME.toNanos())));
        }
        node.put("pauses_sent", pauses.get());
        node.put("discarded_sent", discards.get());
        node.set("open_to_opened_ms", latency(opens.stream().mapToLong(x -> x[0]).toArray()));
        node.set("connect_to_opened_ms", latency(opens.stream().mapToLong(x -> x[1]).toArray()));
        node.set("pong_rtt_ms", latency(pongs.stream().filter(x -> x[0] >= windowStart && x[0] < windowEnd)
                .mapToLong(x -> x[1]).toArray()));
        node.put("late_pongs", latePongs.get());
        return node;
    }

    private static ObjectNode counts(Map<String, AtomicInteger> map) {
        ObjectNode node = JSON.createObjectNode();
        map.forEach((k, v) -> node.put(k, v.get()));
        return node;
    }

    static ObjectNode latency(long[] nanos) {
        ObjectNode node = JSON.createObjectNode();
        node.put("count", nanos.length);
        if (nanos.length == 0) {
            return node;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        node.put("p50", round(ServerBenchmark.percentile(sorted, 50) / 1e6, 3));
        node.put("p99", round(ServerBenchmark.percentile(sorted, 99) / 1e6, 3));
        node.put("max", round(sorted[sorted.length - 1] / 1e6, 3));
        return node;
    }

    static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    static String describe(Throwable e) {
        while (e.getCause() != null && (e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException)) {
            e = e.getCause();
        }
        String msg = e instanceof java.util.concurrent.TimeoutException ? "timeout" : e.getMessage();
        String text = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return text.length() > 120 ? text.substring(0, 120) : text;
    }

    /** The human-readable summary. */
    public static String text(ObjectNode s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "=== load client: %d sessions, %s ===%n", s.get("sessions").asInt(),
                s.get("uri").asText()));
        out.append(String.format(Locale.ROOT, "sessions          opened %d, failed %d, ended before window end %d%n",
                s.get("sessions_opened").asInt(), s.get("sessions_failed").asInt(),
                s.get("sessions_ended_before_window_end").asInt()));
        var open = s.get("open_to_opened_ms");
        var connect = s.get("connect_to_opened_ms");
        out.append(String.format(Locale.ROOT, "open -> opened    p50 %.2f ms  p99 %.2f ms  (upgrade start -> opened p50 %.2f ms p99 %.2f ms)%n",
                open.path("p50").asDouble(), open.path("p99").asDouble(), connect.path("p50").asDouble(),
                connect.path("p99").asDouble()));
        var rtt = s.get("pong_rtt_ms");
        out.append(String.format(Locale.ROOT, "pong RTT          p50 %.2f ms  p99 %.2f ms  (%d pongs in window, %d late)%n",
                rtt.path("p50").asDouble(), rtt.path("p99").asDouble(), rtt.path("count").asInt(), s.get("late_pongs").asLong()));
        if (s.has("calls_completed")) {
            out.append(String.format(Locale.ROOT, "calls             %d completed, %d failed (%s)%n",
                    s.get("calls_completed").asInt(), s.get("calls_failed").asInt(), s.path("calls").asText()));
        }
        out.append(String.format(Locale.ROOT, "audio             %.1f s sent in %.1f s window (nominal %.1f s)%s%n",
                s.get("audio_seconds_sent_in_window").asDouble(), s.get("window_seconds").asDouble(),
                s.get("audio_seconds_nominal").asDouble(), s.has("audio_frames_skipped_in_window")
                        ? ", " + s.get("audio_frames_skipped_in_window").asLong() + " frames skipped" : ""));
        if (s.get("pauses_sent").asInt() + s.get("discarded_sent").asInt() > 0) {
            out.append(String.format(Locale.ROOT, "pauses %d, discarded %d%n", s.get("pauses_sent").asInt(),
                    s.get("discarded_sent").asInt()));
        }
        if (s.has("calls_transcribed_both_roles")) {
            out.append(String.format(Locale.ROOT, "transcribed       %d of %d calls got final lines for both roles "
                    + "(%d desktop messages)%n", s.get("calls_transcribed_both_roles").asLong(),
                    s.get("sessions_opened").asInt(), s.get("desktop_messages_received").asLong()));
        }
        out.append("errors            ").append(s.get("errors")).append('\n');
        if (s.get("transcript_events_received").asLong() > 0) {
            out.append(String.format(Locale.ROOT, "transcripts       %d transcript events back from the server%n",
                    s.get("transcript_events_received").asLong()));
        }
        out.append(String.format(Locale.ROOT, "violations        %d %s%n", s.get("client_violations").asInt(),
                s.get("violation_kinds")));
        return out.toString();
    }
}
