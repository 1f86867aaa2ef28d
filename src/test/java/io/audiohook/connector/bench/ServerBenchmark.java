package io.audiohook.connector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.audiohook.connector.client.AudioEncoding;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.AudioSource;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.GeneratedSpeechLikeSource;
import io.audiohook.connector.client.Received;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A first, small benchmark of a running AudioHook server (not a JUnit test; see bench/README.md).
 *
 * <p>Phase 1, open latency: {@code opens} short sessions, {@code openConcurrency} at a time, each doing
 * upgrade, open/opened, close/closed. Client-side times from starting the upgrade to its 101, and from
 * queueing open to receiving opened.
 *
 * <p>Phase 2, audio CPU: {@code sessions} concurrent stereo PCMU sessions streaming real-time audio in 200 ms
 * frames with a ping every 5 s. After the ramp and a settle period, the server process's CPU time is read
 * from {@code /proc/<pid>/stat} at the start and end of a steady window of {@code duration} seconds.
 *
 * <p>All timing loops are bounded; the load side shares one HttpClient and a small scheduler (no thread per
 * session). Only meant for a server on this machine: CPU and memory are read from {@code /proc}.
 */
public final class ServerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SPEECH = "/demo/two-party-call.pcmu.wav";
    private static final Duration FRAME = Duration.ofMillis(200);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    // ------------------------------------------------------------------ parameters

    static final class Params {
        URI uri;
        String apiKey;
        String secret;
        long serverPid = -1;
        Path out;
        int opens = 300;
        int openConcurrency = 4;
        int warmupOpens = 100;
        int sessions = 100;
        int durationSeconds = 30;
        int rampSeconds = -1; // default: max(5, sessions / 20)
        int settleSeconds = 10;
        int pingSeconds = 5;
        String audio = "speech"; // or "generated"

        static Params parse(String[] args) {
            Params p = new Params();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    usage(null);
                }
                if (i + 1 >= args.length) {
                    usage("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--uri" -> p.uri = URI.create(v);
                    case "--api-key" -> p.apiKey = v;
                    case "--secret" -> p.secret = v;
                    case "--pid" -> p.serverPid = Long.parseLong(v);
                    case "--out" -> p.out = Path.of(v);
                    case "--opens" -> p.opens = positive(a, v, 0);
                    case "--open-concurrency" -> p.openConcurrency = positive(a, v, 1);
                    case "--warmup-opens" -> p.warmupOpens = positive(a, v, 0);
                    case "--sessions" -> p.sessions = positive(a, v, 0);
                    case "--duration" -> p.durationSeconds = positive(a, v, 1);
                    case "--ramp" -> p.rampSeconds = positive(a, v, 0);
                    case "--settle" -> p.settleSeconds = positive(a, v, 0);
                    case "--ping" -> p.pingSeconds = positive(a, v, 1);
                    case "--audio" -> {
                        if (!v.equals("speech") && !v.equals("generated")) {
                            usage("--audio is speech or generated");
                        }
                        p.audio = v;
                    }
                    default -> usage("unknown option " + a);
                }
            }
            if (p.uri == null || p.apiKey == null || p.secret == null) {
                usage("--uri, --api-key and --secret are required");
            }
            if (p.rampSeconds < 0) {
                p.rampSeconds = Math.max(5, p.sessions / 20);
            }
            return p;
        }

        private static int positive(String name, String value, int min) {
            int n = Integer.parseInt(value);
            if (n < min || n > 100_000) {
                usage(name + " must be between " + min + " and 100000");
            }
            return n;
        }

        private static void usage(String error) {
            if (error != null) {
                System.err.println("error: " + error);
            }
            System.err.println("""
                    usage: ServerBenchmark --uri ws://127.0.0.1:PORT/audiohook/ws --api-key KEY --secret BASE64
                           [--pid SERVER_PID] [--out result.json]
                           [--opens 300] [--open-concurrency 4] [--warmup-opens 100]
                           [--sessions 100] [--duration 30] [--ramp max(5,N/20)] [--settle 10]
                           [--ping 5] [--audio speech|generated]
                    Without --pid no server CPU or memory is reported.""");
            System.exit(2);
        }
    }

    private final Params p;
    private final ClientResources resources = ClientResources.create();
    private final ObjectNode result = JSON.createObjectNode();
    private final WavAudioSource.Wav speech = WavAudioSource.Wav.fromResource(SPEECH);

    private ServerBenchmark(Params p) {
        this.p = p;
    }

    public static void main(String[] args) throws Exception {
        BenchRun.widenCommonPool(); // before CompletableFuture is first used
        Params p = Params.parse(args);
        ServerBenchmark bench = new ServerBenchmark(p);
        int exit;
        try {
            exit = bench.run();
        } finally {
            bench.resources.close();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        long clkTck = ProcStats.clockTicks();
        ObjectNode params = result.putObject("parameters");
        params.put("uri", p.uri.toString());
        params.put("opens_K", p.opens);
        params.put("open_concurrency", p.openConcurrency);
        params.put("warmup_opens", p.warmupOpens);
        params.put("sessions_N", p.sessions);
        params.put("duration_D_seconds", p.durationSeconds);
        params.put("ramp_seconds", p.rampSeconds);
        params.put("settle_seconds", p.settleSeconds);
        params.put("frame_ms", FRAME.toMillis());
        params.put("ping_seconds", p.pingSeconds);
        params.put("audio", p.audio.equals("speech") ? "fixture " + SPEECH + " looped (stereo PCMU)"
                : "GeneratedSpeechLikeSource (stereo PCMU)");
        ObjectNode env = result.putObject("environment");
        env.put("date", Instant.now().toString());
        env.put("java_version", System.getProperty("java.version"));
        env.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("nproc", command("nproc").map(String::trim).orElse(String.valueOf(Runtime.getRuntime().availableProcessors())));
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        env.put("cpu_model", cpuModel());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("clk_tck", clkTck);
        env.put("server_pid", p.serverPid);
        env.put("server_cmdline", ProcStats.cmdline(p.serverPid));
        env.put("load_generator_common_pool_parallelism", java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        env.put("loadavg_at_start", loadAvg());
        env.put("note", "load generator and server share the machine; other processes on it show in"
                + " audio_load.other_processes_cpu_cores");

        ObjectNode server = result.putObject("server_memory");
        server.put("rss_kb_at_start", ProcStats.rssKb(p.serverPid));

        int failures = 0;
        if (p.opens > 0) {
            failures += openLatency(clkTck);
        }
        if (p.sessions > 0) {
            failures += audioLoad(clkTck);
        }
        server.put("rss_kb_at_end", ProcStats.rssKb(p.serverPid));
        env.put("loadavg_at_end", loadAvg());

        printSummary();
        if (p.out != null) {
            Files.createDirectories(p.out.toAbsolutePath().getParent());
            Files.writeString(p.out, JSON.writeValueAsString(result) + "\n");
            System.out.println("JSON written to " + p.out);
        }
        return failures == 0 ? 0 : 1;
    }

    private SessionConfig call() {
        return SessionConfig.call(p.uri).apiKey(p.apiKey).clientSecret(p.secret).language("en-US");
    }

    // ------------------------------------------------------------------ phase 1: open latency

    private record OpenSample(long connectNanos, long openedNanos) {
    }

    private int openLatency(long clkTck) throws InterruptedException {
        System.out.printf("open latency: %d warm-up + %d sessions, %d at a time%n", p.warmupOpens, p.opens, p.openConcurrency);
        runOpens(p.warmupOpens, new ConcurrentLinkedQueue<>(), new ConcurrentHashMap<>());
        ConcurrentLinkedQueue<OpenSample> samples = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        long serverTicks0 = ProcStats.cpuTicks(p.serverPid);
        Map<String, Long> threads0 = ProcStats.threadTicks(p.serverPid);
        long start = System.nanoTime();
        runOpens(p.opens, samples, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        long serverTicks1 = ProcStats.cpuTicks(p.serverPid);
        Map<String, Long> threads1 = ProcStats.threadTicks(p.serverPid);

        long[] connect = samples.stream().mapToLong(OpenSample::connectNanos).toArray();
        long[] opened = samples.stream().mapToLong(OpenSample::openedNanos).toArray();
        ObjectNode node = result.putObject("open_latency");
        node.put("sessions", p.opens);
        node.put("succeeded", samples.size());
        node.put("failed", p.opens - samples.size());
        node.set("failures", errorsJson(errors));
        node.put("elapsed_seconds", round(seconds, 2));
        node.put("sessions_per_second", round(samples.size() / seconds, 1));
        if (p.serverPid > 0) {
            double cpuMs = ticksToMs(serverTicks1 - serverTicks0, clkTck);
            node.put("server_cpu_ms_per_session", round(cpuMs / Math.max(1, p.opens), 3));
            node.put("server_cpu_cores", round(cpuMs / 1000.0 / seconds, 3));
            node.set("server_cpu_cores_by_thread", threadsJson(threads0, threads1, clkTck, seconds));
        }
        node.set("open_to_opened_ms", latencyJson(opened));
        node.set("connect_upgrade_ms", latencyJson(connect));
        return p.opens - samples.size();
    }

    private void runOpens(int count, ConcurrentLinkedQueue<OpenSample> samples, Map<String, AtomicInteger> errors)
            throws InterruptedException {
        Semaphore slots = new Semaphore(p.openConcurrency);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            oneOpen().whenComplete((sample, error) -> {
                if (error != null) {
                    errors.computeIfAbsent(describe(error), k -> new AtomicInteger()).incrementAndGet();
                } else {
                    samples.add(sample);
                }
                slots.release();
            });
        }
        // Every step of oneOpen has a timeout, so this returns within about 30 s in the worst case.
        if (!slots.tryAcquire(p.openConcurrency, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("open sessions did not finish");
        }
    }

    /** connect, open, wait opened, close, wait closed and the socket close; never hangs. */
    private CompletableFuture<OpenSample> oneOpen() {
        long t0 = System.nanoTime();
        return AudioHookClient.connect(call(), resources).thenCompose(cr -> {
            long connectNanos = System.nanoTime() - t0;
            if (!cr.connected()) {
                return CompletableFuture.failedFuture(new IllegalStateException("upgrade HTTP " + cr.httpStatus()));
            }
            AudioHookClient client = cr.client();
            long tOpen = System.nanoTime();
            CompletableFuture<OpenSample> done = client.open()
                    .orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenCompose(opened -> {
                        long openedNanos = opened.nanoTime() - tOpen;
                        return client.close("end")
                                .orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                .thenCompose(closed -> client.closeFuture().orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                                .thenCompose(closeInfo -> client.violations().isEmpty()
                                        ? CompletableFuture.completedFuture(new OpenSample(connectNanos, openedNanos))
                                        : CompletableFuture.failedFuture(new IllegalStateException("violation: " + client.violations().get(0))));
                    });
            done.whenComplete((v, e) -> {
                if (e != null) {
                    client.abort();
                }
            });
            return done;
        });
    }

    // ------------------------------------------------------------------ phase 2: audio CPU

    private final class LoadSession {
        final AudioHookClient client;
        volatile boolean streaming;
        volatile String failure;
        ScheduledFuture<?> pinger;
        final AtomicBoolean pingOutstanding = new AtomicBoolean();

        LoadSession(AudioHookClient client) {
            this.client = client;
        }
    }

    private int audioLoad(long clkTck) throws Exception {
        System.out.printf("audio load: %d stereo PCMU sessions, ramp %d s, settle %d s, window %d s%n",
                p.sessions, p.rampSeconds, p.settleSeconds, p.durationSeconds);
        long rssBefore = ProcStats.rssKb(p.serverPid);
        List<LoadSession> sessions = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> startErrors = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger startFailed = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> pongs = new ConcurrentLinkedQueue<>(); // {sentNanos, rttNanos}
        AtomicInteger latePongs = new AtomicInteger();
        AtomicInteger pingFailures = new AtomicInteger();

        long rampNanos = TimeUnit.SECONDS.toNanos(p.rampSeconds);
        List<ScheduledFuture<?>> starts = new ArrayList<>();
        for (int i = 0; i < p.sessions; i++) {
            long delay = p.sessions <= 1 ? 0 : rampNanos * i / p.sessions;
            starts.add(resources.scheduler().schedule(() -> startSession(sessions, started, startFailed, startErrors,
                    pongs, latePongs, pingFailures), delay, TimeUnit.NANOSECONDS));
        }

        // Ramp: bounded wait for every session to be streaming or failed.
        long rampDeadline = System.nanoTime() + rampNanos + STEP_TIMEOUT.toNanos() * 3;
        while (started.get() + startFailed.get() < p.sessions && System.nanoTime() < rampDeadline) {
            Thread.sleep(100);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(p.settleSeconds));
        System.out.printf("  %d sessions streaming, %d failed to start; measuring %d s%n",
                started.get(), startFailed.get(), p.durationSeconds);

        // Steady window.
        long framesStart = framesSent(sessions);
        long serverTicks0 = ProcStats.cpuTicks(p.serverPid);
        long selfTicks0 = ProcStats.cpuTicks(ProcessHandle.current().pid());
        Map<String, Long> threads0 = ProcStats.threadTicks(p.serverPid);
        long[] machine0 = ProcStats.machineTicks();
        long windowStart = System.nanoTime();
        long rssMax = -1;
        List<Long> rssSamples = new ArrayList<>();
        for (int s = 0; s < p.durationSeconds; s++) {
            long next = windowStart + TimeUnit.SECONDS.toNanos(s + 1);
            long rss = ProcStats.rssKb(p.serverPid);
            rssSamples.add(rss);
            rssMax = Math.max(rssMax, rss);
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        long serverTicks1 = ProcStats.cpuTicks(p.serverPid);
        long selfTicks1 = ProcStats.cpuTicks(ProcessHandle.current().pid());
        Map<String, Long> threads1 = ProcStats.threadTicks(p.serverPid);
        long[] machine1 = ProcStats.machineTicks();
        long windowEnd = System.nanoTime();
        long framesEnd = framesSent(sessions);
        long rssDuring = ProcStats.rssKb(p.serverPid);
        double windowSeconds = (windowEnd - windowStart) / 1e9;

        // Which sessions survived the window?
        int endedEarly = 0;
        for (LoadSession s : sessions) {
            if (s.client.closeFuture().isDone() || s.failure != null) {
                endedEarly++;
            }
        }

        // Tear down: stop pings, close every session, bounded wait.
        for (ScheduledFuture<?> f : starts) {
            f.cancel(false);
        }
        List<CompletableFuture<?>> closes = new ArrayList<>();
        List<LoadSession> snapshot;
        synchronized (sessions) {
            snapshot = new ArrayList<>(sessions);
        }
        for (LoadSession s : snapshot) {
            if (s.pinger != null) {
                s.pinger.cancel(false);
            }
            s.streaming = false;
            closes.add(s.client.close("end")
                    .thenCompose(r -> s.client.closeFuture())
                    .orTimeout(STEP_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
                    .exceptionally(e -> {
                        s.failure = s.failure != null ? s.failure : "close: " + describe(e);
                        s.client.abort();
                        return null;
                    }));
        }
        CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(STEP_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);

        Map<String, AtomicInteger> violationKinds = new TreeMap<>();
        int violations = 0;
        int failedSessions = startFailed.get();
        Map<String, AtomicInteger> failures = new TreeMap<>(startErrors);
        for (LoadSession s : snapshot) {
            List<String> v = s.client.violations();
            violations += v.size();
            v.forEach(text -> violationKinds.computeIfAbsent(text.replaceAll("\\d+", "#"), k -> new AtomicInteger()).incrementAndGet());
            if (s.failure != null) {
                failedSessions++;
                failures.computeIfAbsent(s.failure.replaceAll("\\d+", "#"), k -> new AtomicInteger()).incrementAndGet();
            }
        }

        double serverCpuMs = ticksToMs(serverTicks1 - serverTicks0, clkTck);
        double selfCpuMs = ticksToMs(selfTicks1 - selfTicks0, clkTck);
        double audioSecondsNominal = p.sessions * windowSeconds;
        double audioSecondsSent = (framesEnd - framesStart) * FRAME.toNanos() / 1e9;

        ObjectNode node = result.putObject("audio_load");
        node.put("sessions", p.sessions);
        node.put("sessions_streaming_at_window_start", started.get());
        node.put("sessions_failed", failedSessions);
        node.put("sessions_ended_before_window_end", endedEarly);
        node.set("failures", errorsJson(failures));
        node.put("client_violations", violations);
        node.set("violation_kinds", errorsJson(violationKinds));
        node.put("window_seconds", round(windowSeconds, 3));
        node.put("audio_seconds_nominal", round(audioSecondsNominal, 1));
        node.put("audio_seconds_sent_in_window", round(audioSecondsSent, 1));
        if (p.serverPid > 0) {
            node.put("server_cpu_ms", round(serverCpuMs, 0));
            node.put("server_cpu_ms_per_audio_second", round(serverCpuMs / audioSecondsNominal, 3));
            node.put("server_cpu_ms_per_audio_second_sent", round(serverCpuMs / Math.max(1e-9, audioSecondsSent), 3));
            node.put("server_cpu_cores", round(serverCpuMs / 1000.0 / windowSeconds, 3));
            node.set("server_cpu_cores_by_thread", threadsJson(threads0, threads1, clkTck, windowSeconds));
        }
        node.put("load_generator_cpu_cores", round(selfCpuMs / 1000.0 / windowSeconds, 3));
        if (machine0 != null && machine1 != null) {
            double busyCores = ticksToMs(machine1[0] - machine0[0], clkTck) / 1000.0 / windowSeconds;
            double totalCores = ticksToMs(machine1[1] - machine0[1], clkTck) / 1000.0 / windowSeconds;
            node.put("machine_busy_cpu_cores", round(busyCores, 3));
            node.put("machine_cpu_cores_accounted", round(totalCores, 3));
            node.put("other_processes_cpu_cores", round(Math.max(0, busyCores
                    - Math.max(0, serverCpuMs) / 1000.0 / windowSeconds - selfCpuMs / 1000.0 / windowSeconds), 3));
        }
        node.put("late_pongs", latePongs.get());
        node.put("ping_failures", pingFailures.get());
        long[] rtts = pongs.stream().filter(x -> x[0] >= windowStart && x[0] < windowEnd).mapToLong(x -> x[1]).toArray();
        node.set("pong_rtt_ms", latencyJson(rtts));
        ObjectNode memory = (ObjectNode) result.get("server_memory");
        memory.put("rss_kb_before_audio", rssBefore);
        memory.put("rss_kb_during_audio_max", rssMax);
        memory.put("rss_kb_at_window_end", rssDuring);
        return failedSessions + violations;
    }

    private void startSession(List<LoadSession> sessions, AtomicInteger started, AtomicInteger startFailed,
                              Map<String, AtomicInteger> startErrors, ConcurrentLinkedQueue<long[]> pongs,
                              AtomicInteger latePongs, AtomicInteger pingFailures) {
        AudioHookClient.connect(call(), resources).thenCompose(cr -> {
            if (!cr.connected()) {
                return CompletableFuture.failedFuture(new IllegalStateException("upgrade HTTP " + cr.httpStatus()));
            }
            LoadSession s = new LoadSession(cr.client());
            CompletableFuture<LoadSession> ready = s.client.open().orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).thenApply(opened -> {
                sessions.add(s);
                s.streaming = true;
                s.client.streamAudio(newSource(), FRAME, true).whenComplete((v, e) -> {
                    if (s.streaming && s.failure == null) {
                        s.failure = e == null ? "audio source ended" : "streaming: " + describe(e);
                    }
                });
                long pingNanos = TimeUnit.SECONDS.toNanos(p.pingSeconds);
                s.pinger = resources.scheduler().scheduleAtFixedRate(() -> ping(s, pongs, latePongs, pingFailures),
                        pingNanos, pingNanos, TimeUnit.NANOSECONDS);
                started.incrementAndGet();
                return s;
            });
            ready.whenComplete((v, e) -> {
                if (e != null) {
                    s.client.abort();
                }
            });
            return ready;
        }).whenComplete((s, e) -> {
            if (e != null) {
                startFailed.incrementAndGet();
                startErrors.computeIfAbsent(describe(e), k -> new AtomicInteger()).incrementAndGet();
            }
        });
    }

    private void ping(LoadSession s, ConcurrentLinkedQueue<long[]> pongs, AtomicInteger latePongs, AtomicInteger pingFailures) {
        if (!s.streaming || s.client.closeFuture().isDone()) {
            return;
        }
        if (!s.pingOutstanding.compareAndSet(false, true)) {
            // The previous ping is still unanswered: count it, do not pile up more.
            latePongs.incrementAndGet();
            return;
        }
        long sent = System.nanoTime();
        s.client.sendPing().orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((Received pong, Throwable e) -> {
            s.pingOutstanding.set(false);
            if (e != null) {
                if (s.streaming) {
                    pingFailures.incrementAndGet();
                }
            } else {
                pongs.add(new long[] {sent, pong.nanoTime() - sent});
            }
        });
    }

    private AudioSource newSource() {
        if (p.audio.equals("generated")) {
            // Long enough for any bounded run; the session is closed long before.
            return new GeneratedSpeechLikeSource(AudioEncoding.PCMU, 2, Duration.ofHours(24));
        }
        return new LoopingSource(speech, ThreadLocalRandom.current().nextInt((int) speech.samplesPerChannel()));
    }

    /** The speech fixture looped, starting at a random offset so sessions are not in lockstep. */
    static final class LoopingSource implements AudioSource {
        private final WavAudioSource.Wav wav;
        private int offset;

        LoopingSource(WavAudioSource.Wav wav, int startSample) {
            this.wav = wav;
            this.offset = startSample * wav.frameBytes();
        }

        @Override
        public AudioEncoding encoding() {
            return wav.encoding();
        }

        @Override
        public int channels() {
            return wav.channels();
        }

        @Override
        public int sampleRate() {
            return wav.sampleRate();
        }

        @Override
        public byte[] nextFrame(int samplesPerChannel) {
            byte[] data = wav.data();
            byte[] frame = new byte[samplesPerChannel * wav.frameBytes()];
            int done = 0;
            while (done < frame.length) {
                int n = Math.min(frame.length - done, data.length - offset);
                System.arraycopy(data, offset, frame, done, n);
                done += n;
                offset = (offset + n) % data.length;
            }
            return frame;
        }
    }

    private static long framesSent(List<LoadSession> sessions) {
        synchronized (sessions) {
            return sessions.stream().mapToLong(s -> s.client.binaryFramesSent()).sum();
        }
    }

    // ------------------------------------------------------------------ /proc
    /** Fields 14 and 15 of a stat line; the command name (field 2) may contain spaces and parentheses. */
    /** CPU ticks of every live thread of the process, summed by thread name with digits folded. */
    private static ObjectNode threadsJson(Map<String, Long> before, Map<String, Long> after, long clkTck, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((name, ticks) -> {
            double ms = ticksToMs(ticks - before.getOrDefault(name, 0L), clkTck);
            if (ms > 0) {
                cores.put(name, ms / 1000.0 / seconds);
            }
        });
        ObjectNode node = JSON.createObjectNode();
        cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(e -> node.put(e.getKey(), round(e.getValue(), 3)));
        return node;
    }
    private static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static java.util.Optional<String> command(String... cmd) {
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                out = r.readLine();
            }
            if (!proc.waitFor(5, TimeUnit.SECONDS) || proc.exitValue() != 0 || out == null) {
                proc.destroy();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(out);
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    // ------------------------------------------------------------------ numbers and output

    private static ObjectNode latencyJson(long[] nanos) {
        ObjectNode node = JSON.createObjectNode();
        node.put("count", nanos.length);
        if (nanos.length == 0) {
            return node;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        node.put("p50", ms(percentile(sorted, 50)));
        node.put("p90", ms(percentile(sorted, 90)));
        node.put("p99", ms(percentile(sorted, 99)));
        node.put("max", ms(sorted[sorted.length - 1]));
        node.put("min", ms(sorted[0]));
        node.put("mean", ms((long) Arrays.stream(sorted).average().orElse(0)));
        return node;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double pct) {
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6, 3);
    }

    private static double ticksToMs(long ticks, long clkTck) {
        return ticks * 1000.0 / clkTck;
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    private static ObjectNode errorsJson(Map<String, AtomicInteger> errors) {
        ObjectNode node = JSON.createObjectNode();
        errors.forEach((k, v) -> node.put(k, v.get()));
        return node;
    }

    private static String describe(Throwable e) {
        while (e.getCause() != null && (e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException)) {
            e = e.getCause();
        }
        String msg = e.getMessage();
        if (e instanceof java.util.concurrent.TimeoutException) {
            msg = "timeout after " + STEP_TIMEOUT.toSeconds() + " s";
        }
        String text = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return text.length() > 160 ? text.substring(0, 160) : text;
    }

    private void printSummary() {
        StringBuilder out = new StringBuilder("\n=== AudioHook server benchmark ===\n");
        var env = result.get("environment");
        out.append(String.format(Locale.ROOT, "%s, Java %s, nproc %s, %s%n", env.get("date").asText(),
                env.get("java_version").asText(), env.get("nproc").asText(), env.get("cpu_model").asText()));
        var open = result.get("open_latency");
        if (open != null) {
            var o = open.get("open_to_opened_ms");
            var c = open.get("connect_upgrade_ms");
            out.append(String.format(Locale.ROOT, "open latency (%d opens, %d at a time, %d failed, %.1f sessions/s):%n",
                    open.get("sessions").asInt(), p.openConcurrency, open.get("failed").asInt(),
                    open.get("sessions_per_second").asDouble()));
            out.append(String.format(Locale.ROOT, "  open -> opened    p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                    o.path("p50").asDouble(), o.path("p90").asDouble(), o.path("p99").asDouble(), o.path("max").asDouble()));
            out.append(String.format(Locale.ROOT, "  connect (upgrade) p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                    c.path("p50").asDouble(), c.path("p90").asDouble(), c.path("p99").asDouble(), c.path("max").asDouble()));
            if (open.has("server_cpu_ms_per_session")) {
                out.append(String.format(Locale.ROOT, "  server CPU        %.2f ms per session (upgrade..closed), %.2f cores%n",
                        open.get("server_cpu_ms_per_session").asDouble(), open.get("server_cpu_cores").asDouble()));
                out.append("  server threads    ").append(open.get("server_cpu_cores_by_thread")).append('\n');
            }
            if (!open.get("failures").isEmpty()) {
                out.append("  failures: ").append(open.get("failures")).append('\n');
            }
        }
        var audio = result.get("audio_load");
        if (audio != null) {
            out.append(String.format(Locale.ROOT, "audio load (%d stereo PCMU sessions, %.1f s window):%n",
                    audio.get("sessions").asInt(), audio.get("window_seconds").asDouble()));
            if (audio.has("server_cpu_ms")) {
                out.append(String.format(Locale.ROOT, "  server CPU        %.3f ms per second of stereo audio, %.3f cores (%.0f ms CPU)%n",
                        audio.get("server_cpu_ms_per_audio_second").asDouble(), audio.get("server_cpu_cores").asDouble(),
                        audio.get("server_cpu_ms").asDouble()));
                out.append("  server threads    ").append(audio.get("server_cpu_cores_by_thread")).append('\n');
            }
            out.append(String.format(Locale.ROOT, "  load generator    %.3f cores; other processes on the machine %.3f cores%n",
                    audio.get("load_generator_cpu_cores").asDouble(), audio.path("other_processes_cpu_cores").asDouble()));
            out.append(String.format(Locale.ROOT, "  audio sent        %.1f s in window (nominal %.1f s)%n",
                    audio.get("audio_seconds_sent_in_window").asDouble(), audio.get("audio_seconds_nominal").asDouble()));
            var rtt = audio.get("pong_rtt_ms");
            out.append(String.format(Locale.ROOT, "  pong RTT          p50 %.2f ms  p99 %.2f ms  (%d pongs, %d late, %d failed)%n",
                    rtt.path("p50").asDouble(), rtt.path("p99").asDouble(), rtt.path("count").asInt(),
                    audio.get("late_pongs").asInt(), audio.get("ping_failures").asInt()));
            out.append(String.format(Locale.ROOT, "  sessions failed   %d, ended early %d, client violations %d%n",
                    audio.get("sessions_failed").asInt(), audio.get("sessions_ended_before_window_end").asInt(),
                    audio.get("client_violations").asInt()));
            if (!audio.get("failures").isEmpty()) {
                out.append("  failures: ").append(audio.get("failures")).append('\n');
            }
            if (!audio.get("violation_kinds").isEmpty()) {
                out.append("  violations: ").append(audio.get("violation_kinds")).append('\n');
            }
        }
        var mem = result.get("server_memory");
        if (mem.get("rss_kb_at_start").asLong() > 0 && mem.has("rss_kb_before_audio")) {
            out.append(String.format(Locale.ROOT, "server RSS: start %d MiB, before audio %d MiB, during audio max %d MiB, end %d MiB%n",
                    mem.path("rss_kb_at_start").asLong() / 1024, mem.path("rss_kb_before_audio").asLong() / 1024,
                    mem.path("rss_kb_during_audio_max").asLong() / 1024, mem.path("rss_kb_at_end").asLong() / 1024));
        } else if (mem.get("rss_kb_at_start").asLong() > 0) {
            out.append(String.format(Locale.ROOT, "server RSS: start %d MiB, end %d MiB%n",
                    mem.path("rss_kb_at_start").asLong() / 1024, mem.path("rss_kb_at_end").asLong() / 1024));
        }
        out.append("load average: ").append(env.path("loadavg_at_start").asText()).append(" at start, ")
                .append(env.path("loadavg_at_end").asText()).append(" at end\n");
        System.out.print(out);
    }
}
