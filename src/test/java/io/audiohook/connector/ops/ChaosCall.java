package io.audiohook.connector.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.util.Durations;

import io.audiohook.connector.bench.DesktopDouble;
import io.audiohook.connector.bench.Metrics;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.ClientResources;
import io.audiohook.connector.client.SessionConfig;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.publish.TranscriptEntry;
import io.audiohook.connector.testkit.SpeechTurns;
import io.audiohook.connector.testkit.TestCalls;

/**
 * One whole call through the connector process with faults injected at set points of its audio: the two-party
 * recording streamed in real time, {@code close}/{@code end}, then the transcript as the connector wrote it to Redis,
 * checked turn by turn against the speech in the recording, and what the connector's metrics counted meanwhile.
 */
final class ChaosCall {
    /** The two-party recording: the customer speaks 0.3-3.2 s and 6.7-8.6 s, the agent 3.5-6.4 s and 8.9-10.7 s. */
    static final WavAudioSource.Wav SPEECH = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
    static final List<String> ROLES = List.of("END_USER", "HUMAN_AGENT"); // the customer speaks on the first channel
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A party's turn of speech in the recording. */
    record Turn(String role, SpeechTurns.Span span) {
        double seconds() {
            return span.end() - span.start();
        }

        @Override
        public String toString() {
            return role + String.format(Locale.ROOT, " %.1f-%.1f s", span.start(), span.end());
        }
    }

    /** Something done to the processes or the network this far into the call's audio. */
    record Fault(Duration at, String what, Step step) {
    }

    interface Step {
        void run() throws Exception;
    }

    /**
     * What the call saw. {@code lagMillis} per line: from the end of its speech in the call until Redis has the line
     * (the stream entry's time); {@code missing}: speech turns no line of their role overlaps.
     */
    record Outcome(AudioHookClient client, List<TranscriptEntry> lines, List<Turn> missing, List<Long> lagMillis,
            Map<String, Double> before, Map<String, Double> after, long transcriptCompleteMillis) {

        double delta(String metric) {
            return sum(after, metric) - sum(before, metric);
        }

        long maxLag() {
            return lagMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        String report(String name) {
            return String.format(Locale.ROOT, "%s: restarts %s, gave up %s, assist audio dropped %.2f s, session audio "
                    + "dropped %.2f s, publish dropped %.0f, lines %d, turns missing %s, lag per line %s ms, "
                    + "transcript complete %d ms after closed", name, deltas(after, before,
                            "audiohook_assist_stream_restarts_total"),
                    deltas(after, before, "audiohook_assist_giveups_total"),
                    delta("audiohook_assist_audio_dropped_seconds_total"),
                    delta("audiohook_audio_dropped_seconds_total"), delta("audiohook_publish_dropped_total"),
                    lines.size(), missing, lagMillis, transcriptCompleteMillis);
        }
    }

    private final URI connector;
    private final Supplier<SessionConfig> configs;
    private final DesktopDouble desktop;
    private final ClientResources resources;

    /** @param configs a new session's settings (all but its conversation id) */
    ChaosCall(URI connector, Supplier<SessionConfig> configs, DesktopDouble desktop, ClientResources resources) {
        this.connector = connector;
        this.configs = configs;
        this.desktop = desktop;
        this.resources = resources;
    }

    /** The first {@code length} of the recording: fewer turns, a shorter call. */
    static WavAudioSource.Wav first(Duration length) {
        int bytes = (int) (length.toMillis() * SPEECH.sampleRate() / 1000) * SPEECH.frameBytes();
        return new WavAudioSource.Wav(SPEECH.encoding(), SPEECH.channels(), SPEECH.sampleRate(),
                java.util.Arrays.copyOf(SPEECH.data(), Math.min(bytes, SPEECH.data().length)));
    }

    /**
     * Streams {@code speech} with the faults, closes with {@code end}, and reads the transcript until only the
     * {@code expectedMissing} turns lack a line (or {@code transcriptWait} is over).
     */
    Outcome run(WavAudioSource.Wav speech, List<Fault> faults, Duration transcriptWait, List<String> expectedMissing)
            throws Exception {
        Map<String, Double> before = metrics();
        String conversation = UUID.randomUUID().toString();
        desktop.join(conversation);
        AudioHookClient client = AudioHookClient.connect(configs.get().conversationId(conversation), resources)
                .get(10, TimeUnit.SECONDS).require();
        client.open().get(10, TimeUnit.SECONDS);
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        var streamed = client.streamAudio(speech.newSource(), Duration.ofMillis(200), true);
        for (Fault fault : faults) {
            long wait = start + fault.at().toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            System.out.printf(Locale.ROOT, "ChaosIT %6d ms: %s%n", (System.nanoTime() - start) / 1_000_000,
                    fault.what());
            fault.step().run();
        }
        streamed.get(speech.duration().toSeconds() + 20, TimeUnit.SECONDS);
        client.close("end").get(15, TimeUnit.SECONDS);
        long closed = System.nanoTime();

        List<TranscriptEntry> lines = List.of();
        List<Turn> missing = List.of();
        long deadline = closed + transcriptWait.toNanos();
        while (System.nanoTime() < deadline) {
            lines = desktop.transcript(conversation);
            missing = missingTurns(speech, lines);
            if (missing.toString().equals(expectedMissing.toString())) {
                break;
            }
            Thread.sleep(50);
        }
        long complete = (System.nanoTime() - closed) / 1_000_000;
        return new Outcome(client, lines, missing, lags(lines, startMillis), before, metrics(), complete);
    }

    /**
     * The speech turns of the recording (pauses under 0.5 s inside a turn) that no line of their role overlaps, as
     * the customer's first.
     */
    static List<Turn> missingTurns(WavAudioSource.Wav speech, List<TranscriptEntry> lines) {
        List<Turn> missing = new ArrayList<>();
        for (int slot = 0; slot < ROLES.size(); slot++) {
            String role = ROLES.get(slot);
            for (SpeechTurns.Span turn : SpeechTurns.of(speech, slot, 0.5)) {
                boolean heard = lines.stream().filter(l -> l.role().equals(role))
                        .anyMatch(l -> seconds(l.startOffset().orElse("0s")) < turn.end()
                                && seconds(l.endOffset().orElse("999s")) > turn.start());
                if (!heard) {
                    missing.add(new Turn(role, turn));
                }
            }
        }
        return missing;
    }

    private static List<Long> lags(List<TranscriptEntry> lines, long startMillis) {
        List<Long> lags = new ArrayList<>();
        for (TranscriptEntry line : lines) {
            long written = Long.parseLong(line.id().substring(0, line.id().indexOf('-')));
            double end = seconds(line.endOffset().orElse("0s"));
            lags.add(written - startMillis - Math.round(end * 1000));
        }
        return lags;
    }

    private static double seconds(String protoDuration) {
        try {
            return Durations.toNanos(Durations.parse(protoDuration)) / 1e9;
        } catch (java.text.ParseException e) {
            throw new AssertionError(protoDuration, e);
        }
    }

    Map<String, Double> metrics() throws IOException, InterruptedException {
        return Metrics.parse(HTTP.send(HttpRequest.newBuilder(connector.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A counter summed over its labels. */
    static double sum(Map<String, Double> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** A counter's increase per label set, for the report. */
    static String deltas(Map<String, Double> after, Map<String, Double> before, String name) {
        StringBuilder text = new StringBuilder("{");
        after.forEach((key, value) -> {
            if (key.startsWith(name + "{") && value - before.getOrDefault(key, 0.0) > 0) {
                text.append(text.length() > 1 ? ", " : "").append(key.substring(name.length() + 1, key.length() - 1))
                        .append('=').append(Math.round(value - before.getOrDefault(key, 0.0)));
            }
        });
        return text.append('}').toString();
    }
}
