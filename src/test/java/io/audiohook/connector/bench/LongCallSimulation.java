package io.audiohook.connector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.dialogflow.v2beta1.Participant;
import io.audiohook.connector.assist.AssistCall;
import io.audiohook.connector.assist.ParticipantCounters;
import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.emulator.EmulatorControl;
import io.audiohook.connector.emulator.ParticipantStats;
import io.audiohook.connector.emulator.StreamStats;
import io.audiohook.connector.app.AgentAssist;
import io.audiohook.connector.testkit.TestCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.audiohook.connector.testkit.ConnectorTest;

/**
 * A long call, simulated (30 minutes unless {@code -Dbench.call.minutes=N}): one stereo session streams the looped
 * speech fixture through the in-process emulator at about 18× real time (a 200 ms frame every 11 ms); the connector
 * drains to Dialogflow at up to {@code connector.assist.catch-up-rate} = 20× real time, so stream recycling is driven
 * by audio, as in a real call. Prints per participant: streams opened, recycles, restarts by code, look-back bytes
 * replayed, dropped, and what the emulator saw. Production settings otherwise (recycle after 90 s / at most 110 s of a
 * stream, look-back 3 s), but for the bound on waiting audio, scaled to production's 30 s of wall time; the emulator
 * keeps its defaults (stream limit 120 s, audio timeout 5 s).
 *
 * <p>Fails when any audio was dropped, by the protocol layer ({@code audiohook.audio.dropped.frames}) or on the way
 * to Dialogflow ({@link ParticipantCounters#bytesDropped()}), when a participant was given up, or when not every byte
 * received (plus the look-back replays) was sent to a stream.
 *
 * <p>Not part of {@code verify} (tag {@code bench}); run with
 * {@code ./mvnw -B -o -Dgroups=bench -Dtest=LongCallSimulation -Dsurefire.failIfNoSpecifiedTests=false test}
 * (add {@code -Dbench.call.minutes=60} for an hour of call). Takes about 2 minutes for 30 minutes of call, 4 for 60.
 * {@code -DargLine=-Dbench.extended=true} simulates it with extended streaming.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(LongCallSimulation.Fast.class)
class LongCallSimulation extends ConnectorTest {
    static final int CALL_MINUTES = Integer.getInteger("bench.call.minutes", 30);
    static final int FRAME_MS = 200;
    static final long PERIOD_MICROS = 11_000;

    public static class Fast implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("connector.assist.catch-up-rate", "20");
            // the bound on waiting audio, in wall time as in production (30 s): at 18× a stall of the machine lasts
            // 18 times as much audio, and production's 30 s of audio would be 1.7 s of wall time here
            config.put("connector.assist.pre-setup-buffer", "600s");
            config.put("connector.protocol.idle-timeout", "60s");
            // accelerated time: the emulator's pace rule allows what the simulation sends
            config.put("connector.emulator.rules.max-pace-rate", "25");
            // -Dbench.extended=true: enable_extended_streaming (3-minute streams)
            config.put("connector.assist.extended-streaming", System.getProperty("bench.extended", "false"));
            return config;
        }
    }

    @Inject
    AgentAssist backend;
    @Inject
    EmulatorControl emulator;
    @Inject
    MeterRegistry meters;

    @Test
    void longCall() throws Exception {
        double protocolDropsBefore = protocolDroppedFrames();
        AudioHookClient client = TestCalls.connect(TestCalls.call(endpoint));
        client.open().get(15, TimeUnit.SECONDS);
        WavAudioSource.Wav speech = WavAudioSource.Wav.fromResource(LoadClient.SPEECH);
        ServerBenchmark.LoopingSource source = new ServerBenchmark.LoopingSource(speech, 0);
        int frames = CALL_MINUTES * 60 * 1000 / FRAME_MS;
        int samples = 8000 * FRAME_MS / 1000;
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long t0 = System.nanoTime();
        ScheduledFuture<?> pacing = TestCalls.RESOURCES.scheduler().scheduleAtFixedRate(() -> {
            if (done.isDone()) {
                return;
            }
            if (sent.get() >= frames || client.closeFuture().isDone()) {
                done.complete(null);
                return;
            }
            client.sendAudio(source.nextFrame(samples));
            if (sent.incrementAndGet() % 250 == 0) {
                client.sendPing();
            }
        }, 0, PERIOD_MICROS, TimeUnit.MICROSECONDS);
        try {
            done.get(CALL_MINUTES * 60L * 1000 / 10 + 60_000, TimeUnit.MILLISECONDS);
        } finally {
            pacing.cancel(false);
        }
        double streamSeconds = (System.nanoTime() - t0) / 1e9;
        client.close("end").get(60, TimeUnit.SECONDS);
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(frames, sent.get(), "every frame sent");
        assertTrue(client.violations().isEmpty(), client.violations().toString());
        client.closeFuture().get(15, TimeUnit.SECONDS);
        // the protocol layer counts a session's drops when it ends, just after the socket closes
        long endBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (activeSessions() > 0 && System.nanoTime() < endBy) {
            Thread.sleep(50);
        }
        assertEquals(0.0, activeSessions(), "the session ended");
        double protocolDrops = protocolDroppedFrames() - protocolDropsBefore;

        AssistCall call = backend.factory().orElseThrow().call(client.config().sessionId()).orElseThrow();
        StringBuilder report = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%n=== simulated %d-minute call%s: %d frames streamed in %.1f s (%.1f× real time), closed after %.1f s ===%n",
                CALL_MINUTES, Boolean.getBoolean("bench.extended") ? " (extended streaming)" : "", frames, streamSeconds,
                CALL_MINUTES * 60 / streamSeconds, totalSeconds));
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            ParticipantCounters c = call.counters(role).orElseThrow();
            report.append(String.format(java.util.Locale.ROOT,
                    "%-11s streams opened %d (%.2f per minute), recycles %d, restarts %s, look-back replayed %d bytes"
                            + " (%.1f s), received %d, sent %d, dropped %d%n",
                    role, c.streamsOpened(), c.streamsOpened() / (double) CALL_MINUTES, c.recycles(), c.restarts(),
                    c.lookbackReplayed(), c.lookbackReplayed() / 8000.0, c.bytesReceived(), c.bytesSent(),
                    c.bytesDropped()));
            call.participantName(role).flatMap(emulator::participant).ifPresent((ParticipantStats seen) -> {
                report.append(String.format(java.util.Locale.ROOT,
                        "            emulator: %d streams, %d audio bytes, %d utterances finalised; stream audio seconds %s; outcomes %s%n",
                        seen.streamsOpened(), seen.audioBytes(), seen.utterancesFinalized(),
                        seen.streams().stream().map(s -> String.format(java.util.Locale.ROOT, "%.0f", s.audioBytes() / 8000.0)).toList(),
                        seen.streams().stream().map(StreamStats::outcome).toList()));
            });
        }
        report.append(String.format(java.util.Locale.ROOT, "protocol layer: %.0f audio frames dropped%n", protocolDrops));
        System.out.println(report);
        for (Participant.Role role : List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT)) {
            ParticipantCounters c = call.counters(role).orElseThrow();
            assertTrue(c.streamsOpened() >= 1, role + ": " + c);
            assertEquals(0, c.bytesDropped(), role + " dropped audio: " + c);
            assertTrue(c.gaveUp().isEmpty(), role + " given up: " + c);
            assertEquals(c.bytesReceived() + c.lookbackReplayed(), c.bytesSent(), role + " audio not all sent: " + c);
        }
        assertEquals(0.0, protocolDrops, "audio frames dropped by the protocol layer");
    }

    private double protocolDroppedFrames() {
        Counter dropped = meters.find("audiohook.audio.dropped.frames").counter();
        return dropped == null ? 0 : dropped.count();
    }

    private double activeSessions() {
        Gauge active = meters.find("audiohook.sessions.active").gauge();
        return active == null ? 0 : active.value();
    }
}
