package io.audiohook.connector.demo;

import static io.audiohook.connector.testkit.TestCalls.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.RedisServer;
import io.audiohook.connector.testkit.TestCalls;
import io.audiohook.connector.web.api.ApiRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Demo calls against the real service (the %test application: the Dialogflow emulator in-process, its own
 * redis-server): they open, stream the recording in real time, close, and the service transcribes both parties,
 * as its transcript API shows; in Transcription Connector mode the lines come back on the call's socket too.
 */
@QuarkusTest
class DemoCallerTest extends ConnectorTest {
    static final DemoCaller CALLER = new DemoCaller();
    static final Duration CALL_WAIT = DemoCaller.recordingLength().plusSeconds(20);

    @AfterAll
    static void closeCaller() {
        CALLER.close();
    }

    Target target() {
        return Target.of(TestCalls.ws(endpoint).toString(), TestCalls.KEY, TestCalls.SECRET);
    }

    @Test
    void aMonitorCallAndATranscriptionCallAreTranscribedForBothParties() {
        // a caller of its own: the shared one may still hold the last moments of another test's call
        try (DemoCaller caller = new DemoCaller()) {
            placeBothAndCheck(caller);
        }
    }

    private void placeBothAndCheck(DemoCaller caller) {
        Recorder monitorEvents = new Recorder();
        Recorder transcriptionEvents = new Recorder();
        DemoCall monitor = caller.place(target(), monitorEvents);
        DemoCall transcription = caller.place(target().withCustomConfig(DemoOptions.TRANSCRIPTION), transcriptionEvents);
        assertEquals(2, caller.liveCalls());

        Outcome monitored = outcome(monitor);
        assertEquals(Outcome.Status.COMPLETED, monitored.status(), monitored.detail());
        assertTrue(monitored.opened() && monitored.openedAfter().compareTo(Duration.ofSeconds(5)) < 0, monitored.toString());
        assertTrue(monitored.elapsed().compareTo(DemoCaller.recordingLength()) >= 0,
                "streamed in real time: " + monitored.elapsed());
        assertEquals(List.of("opened"), monitorEvents.seen, "a monitor call gets no transcripts back");
        assertTrue(monitored.transcript().isEmpty());

        Map<String, List<String>> stored = storedTranscript(monitor.conversationId());
        assertEquals(script(), stored, "the service transcribed both parties of the monitor call");

        Outcome transcribed = outcome(transcription);
        assertEquals(Outcome.Status.COMPLETED, transcribed.status(), transcribed.detail());
        assertEquals("opened", transcriptionEvents.seen.get(0));
        Map<String, List<String>> returned = transcribed.transcript().stream().collect(Collectors.groupingBy(
                l -> l.role() == TranscriptLine.Role.AGENT ? "HUMAN_AGENT" : "END_USER",
                Collectors.mapping(TranscriptLine::text, Collectors.toList())));
        assertEquals(script(), returned, "the transcripts that came back on the socket");
        assertEquals(transcribed.transcript().size() + 1, transcriptionEvents.seen.size(), "each reported as it came");
        eventually("both calls left the caller", Duration.ofSeconds(2), () -> caller.liveCalls() == 0);
    }

    @Test
    void aCallHungUpEarlyClosesWithEnd() {
        Recorder events = new Recorder();
        DemoCall call = CALLER.place(target(), events);
        eventually("opened", Duration.ofSeconds(10), () -> !events.seen.isEmpty());
        call.hangUp();
        Outcome outcome = outcome(call);
        assertEquals(Outcome.Status.COMPLETED, outcome.status(), outcome.detail());
        assertTrue(outcome.elapsed().compareTo(DemoCaller.recordingLength()) < 0, outcome.toString());
    }

    @Test
    void aWrongSecretIsRefusedAndABadCustomConfigDisconnected() {
        DemoCall wrongSecret = CALLER.place(Target.of(TestCalls.ws(endpoint).toString(), TestCalls.KEY,
                "c29tZS1vdGhlci1zZWNyZXQtb2YtMzItYnl0ZXMtbG9uZyE="));
        DemoCall badConfig = CALLER.place(target().withCustomConfig("{\"mode\":\"bogus\"}"));

        Outcome refused = outcome(wrongSecret);
        assertEquals(Outcome.Status.REFUSED, refused.status(), refused.toString());
        assertTrue(refused.detail().startsWith("the upgrade was answered HTTP 401"), refused.detail());
        assertFalse(refused.opened());

        Outcome disconnected = outcome(badConfig);
        assertEquals(Outcome.Status.DISCONNECTED, disconnected.status(), disconnected.toString());
        assertTrue(disconnected.detail().contains("customConfig.mode"), disconnected.detail());
    }

    @Test
    void nothingListeningFailsFast() {
        Target nowhere = Target.of("ws://127.0.0.1:" + RedisServer.freePort() + "/audiohook/ws", TestCalls.KEY,
                TestCalls.SECRET);
        Outcome outcome = outcome(CALLER.place(nowhere));
        assertEquals(Outcome.Status.FAILED, outcome.status());
        assertTrue(outcome.detail().startsWith("cannot connect"), outcome.detail());
    }

    /** The service's own record of the call, from its HTTP API: the lines of each role, in order. */
    private static Map<String, List<String>> storedTranscript(String conversationId) {
        List<JsonNode> utterances = new ArrayList<>();
        eventually("the transcript of " + conversationId, Duration.ofSeconds(10), () -> {
            Response reply = ApiRequests.asDesktop().get("/api/v1/conversations/" + conversationId + "/transcript");
            utterances.clear();
            if (reply.statusCode() == 200) {
                ApiRequests.json(reply).path("utterances").forEach(utterances::add);
            }
            return utterances.size() >= 4;
        });
        return utterances.stream().collect(Collectors.groupingBy(u -> u.path("role").asText(),
                Collectors.mapping(u -> u.path("text").asText(), Collectors.toList())));
    }

    /** The recording's script ({@code two-party-call.txt}) by Dialogflow role. */
    private static Map<String, List<String>> script() {
        try (InputStream in = DemoCallerTest.class.getResourceAsStream("/demo/two-party-call.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.contains(":"))
                    .collect(Collectors.groupingBy(l -> l.startsWith("external") ? "END_USER" : "HUMAN_AGENT",
                            Collectors.mapping(l -> l.substring(l.indexOf(':') + 1).strip(), Collectors.toList())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Outcome outcome(DemoCall call) {
        try {
            return call.done().toCompletableFuture().get(CALL_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(call + " did not end within " + CALL_WAIT, e);
        }
    }

    /** What a listener was told, in order: "opened", then each transcript line. */
    static final class Recorder implements DemoListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void opened(DemoCall call) {
            seen.add("opened");
        }

        @Override
        public void transcript(DemoCall call, TranscriptLine line) {
            seen.add(line.role() + ": " + line.text());
        }
    }
}
