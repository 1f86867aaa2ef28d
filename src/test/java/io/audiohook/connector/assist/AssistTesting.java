package io.audiohook.connector.assist;

import static io.audiohook.connector.testkit.TestCalls.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.testkit.TestCalls;

/** What the Agent Assist tests share: the speech fixture, its script, and ways to read what happened. */
final class AssistTesting {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final WavAudioSource.Wav SPEECH = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
    static final long SPEECH_BYTES_PER_CHANNEL = SPEECH.data().length / 2;

    /** The speech fixture with only its first slot speaking: the second is µ-law digital silence. */
    static WavAudioSource.Wav speechInSlotZeroOnly() {
        byte[] slotZeroOnly = SPEECH.data().clone();
        for (int i = 1; i < slotZeroOnly.length; i += 2) {
            slotZeroOnly[i] = (byte) 0xFF;
        }
        return new WavAudioSource.Wav(SPEECH.encoding(), 2, 8000, slotZeroOnly);
    }
    static final List<Participant.Role> ROLES = List.of(Participant.Role.END_USER, Participant.Role.HUMAN_AGENT);

    private AssistTesting() {
    }

    static String newConversationId() {
        return UUID.randomUUID().toString();
    }

    /** The lines each role speaks in the fixture, in order (channel 0 external = END_USER). */
    static Map<Participant.Role, List<String>> script() {
        Map<Participant.Role, List<String>> lines = new HashMap<>();
        lines.put(Participant.Role.END_USER, new ArrayList<>());
        lines.put(Participant.Role.HUMAN_AGENT, new ArrayList<>());
        try (InputStream in = AssistTesting.class.getResourceAsStream("/demo/two-party-call.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                Participant.Role role = line.startsWith("external") ? Participant.Role.END_USER
                        : Participant.Role.HUMAN_AGENT;
                lines.get(role).add(line.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static List<RecognitionResult> results(RecentAssistEvents events, String conversation, Participant.Role role) {
        return events.events(conversation, RecognitionResult.class).stream().filter(r -> r.role() == role).toList();
    }

    static List<String> finals(RecentAssistEvents events, String conversation, Participant.Role role) {
        return results(events, conversation, role).stream().filter(r -> r.result().getIsFinal())
                .map(r -> r.result().getTranscript()).toList();
    }

    /** Interim results share their final's utterance id; every final has its own. */
    static void assertUtteranceIds(List<RecognitionResult> results) {
        Set<String> finished = new HashSet<>();
        String open = null;
        for (RecognitionResult r : results) {
            assertTrue(!finished.contains(r.utteranceId()), "utterance id reused after its final: " + r.utteranceId());
            if (open != null) {
                assertEquals(open, r.utteranceId(), "one utterance, one id");
            }
            open = r.utteranceId();
            if (r.result().getIsFinal()) {
                finished.add(open);
                open = null;
            }
        }
    }

    /** Frames of {@code millis} of the fixture, from its start. */
    static List<byte[]> speechFrames(int frameMillis, int totalMillis) {
        WavAudioSource source = SPEECH.newSource();
        int samples = 8 * frameMillis;
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < totalMillis; t += frameMillis) {
            byte[] frame = source.nextFrame(samples);
            if (frame == null) {
                break;
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Waits for the call's setup while pinging, so the session's own idle timeout (3 s in tests) cannot end it
     * meanwhile on a slow machine.
     */
    static void awaitReady(io.audiohook.connector.client.AudioHookClient client, AssistCall call) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!call.ready().isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("setup not done within " + WAIT);
            }
            await(client.sendPing());
            sleep(Duration.ofMillis(300));
        }
        await(call.ready());
    }

    /** Lets time pass in a session without letting its idle timeout end it. */
    static void idle(io.audiohook.connector.client.AudioHookClient client, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            await(client.sendPing());
            sleep(Duration.ofMillis(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000))));
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void eventually(String what, BooleanSupplier condition) {
        TestCalls.eventually(what, WAIT, condition);
    }
}
