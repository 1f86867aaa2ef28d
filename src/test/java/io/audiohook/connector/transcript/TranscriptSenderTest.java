package io.audiohook.connector.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SpeechWordInfo;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;
import com.google.protobuf.Duration.Builder;

import io.audiohook.connector.assist.ManualTimers;
import io.audiohook.connector.assist.Placement;
import io.audiohook.connector.assist.RecognitionResult;
import io.audiohook.connector.call.CallControl;
import io.audiohook.connector.protocol.DisconnectReason;
import io.audiohook.connector.transcript.TranscriptMetrics.Drop;

/** One session's transcripts: the entity, the order, the rate limit, Genesys' refusals and the close. */
class TranscriptSenderTest {
    static final TranscriptSettings SETTINGS = new TranscriptSettings(false, 5, 10, 200, Duration.ofSeconds(1));

    final ManualTimers timers = new ManualTimers();
    final Session session = new Session();
    final Counts counts = new Counts();

    /** The AudioHook session as the sender sees it: what went out, and whether {@code closed} went already. */
    static class Session implements CallControl {
        final List<JsonNode> sent = new ArrayList<>();
        boolean closed;

        @Override
        public synchronized boolean sendEvent(List<? extends JsonNode> entities) {
            assertEquals(1, entities.size(), "one entity per event");
            if (closed) {
                return false;
            }
            sent.add(entities.get(0));
            return true;
        }

        @Override
        public boolean pause() {
            return true;
        }

        @Override
        public boolean resume() {
            return true;
        }

        @Override
        public boolean disconnect(DisconnectReason reason, Optional<String> info) {
            return true;
        }

        synchronized List<String> texts() {
            return sent.stream().map(e -> e.at("/data/alternatives/0/interpretations/0/transcript").asText()).toList();
        }
    }

    static final class Counts implements TranscriptMetrics {
        int sent;
        int limited;
        final Map<Drop, Integer> dropped = new EnumMap<>(Drop.class);

        @Override
        public void sent() {
            sent++;
        }

        @Override
        public void dropped(Drop reason) {
            dropped.merge(reason, 1, Integer::sum);
        }

        @Override
        public void rateLimited() {
            limited++;
        }
    }

    TranscriptSender sender(TranscriptSettings settings) {
        // a stereo call whose external channel (index 0) is the customer
        return new TranscriptSender("s1", role -> role == Participant.Role.END_USER ? 0 : 1, settings,
                session, timers, counts);
    }

    /** A result arrives; the scheduler sends what may go (results never send on their own thread). */
    void give(TranscriptSender sender, RecognitionResult result) {
        sender.accept(result);
        timers.runDue();
    }

    static com.google.protobuf.Duration at(long millis) {
        Builder d = com.google.protobuf.Duration.newBuilder().setSeconds(millis / 1000);
        return d.setNanos((int) (millis % 1000) * 1_000_000).build();
    }

    /** A result on the timeline: 8 samples per millisecond; words at {@code words[i] = {startMs, endMs}}. */
    static RecognitionResult result(Participant.Role role, String utterance, boolean isFinal, String text,
            long startMs, long endMs, long[]... words) {
        StreamingRecognitionResult.Builder r = StreamingRecognitionResult.newBuilder()
                .setMessageType(StreamingRecognitionResult.MessageType.TRANSCRIPT)
                .setTranscript(text).setIsFinal(isFinal).setConfidence(isFinal ? 0.92f : 0f).setStability(0.6f)
                .setLanguageCode("en-us");
        String[] split = text.split(" ");
        long[] starts = new long[words.length];
        long[] ends = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            r.addSpeechWordInfo(SpeechWordInfo.newBuilder().setWord(split[i]).setConfidence(0.8f)
                    .setStartOffset(at(words[i][0])).setEndOffset(at(words[i][1])));
            starts[i] = words[i][0] * 8;
            ends[i] = words[i][1] * 8;
        }
        return new RecognitionResult("c", role, "p", r.build(), utterance,
                new Placement(startMs * 8, endMs * 8, starts, ends), "en-US", 0);
    }

    static RecognitionResult fin(String utterance, String text) {
        return result(Participant.Role.END_USER, utterance, true, text, 1000, 2000);
    }

    @Test
    void aFinalResultIsOneTranscriptEntityOnTheTimeline() {
        TranscriptSender sender = sender(SETTINGS);
        give(sender, result(Participant.Role.HUMAN_AGENT, "u1", true, "my card", 1100, 2700,
                new long[] { 1150, 1540 }, new long[] { 1600, 2700 }));
        JsonNode entity = session.sent.get(0);
        assertEquals("transcript", entity.get("type").asText());
        JsonNode data = entity.get("data");
        assertEquals(1, data.get("channelId").asInt(), "the agent's channel is index 1 of this call's media");
        assertTrue(data.get("isFinal").asBoolean());
        assertEquals("PT1.1S", data.get("offset").asText());
        assertEquals("PT1.6S", data.get("duration").asText());
        JsonNode alternative = data.at("/alternatives/0");
        assertEquals(0.92, alternative.get("confidence").asDouble(), 1e-6);
        assertEquals("en-US", alternative.at("/languages/0").asText(), "Genesys' spelling of Dialogflow's en-us");
        assertEquals("display", alternative.at("/interpretations/0/type").asText());
        JsonNode tokens = alternative.at("/interpretations/0/tokens");
        assertEquals(2, tokens.size());
        assertEquals("my", tokens.get(0).get("value").asText());
        assertEquals("word", tokens.get(0).get("type").asText());
        assertEquals("PT1.15S", tokens.get(0).get("offset").asText(), "token offsets are absolute");
        assertEquals("PT0.39S", tokens.get(0).get("duration").asText());
        assertEquals("PT1.6S", tokens.get(1).get("offset").asText());
        assertEquals(0.8, tokens.get(1).get("confidence").asDouble(), 1e-6);
        assertTrue(data.get("id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    }

    @Test
    void aFinalWithoutWordTimingsStillHasDistinctTokensInsideTheUtterance() {
        give(sender(SETTINGS), result(Participant.Role.END_USER, "u1", true, "three short words", 1000, 1600));
        JsonNode tokens = session.sent.get(0).at("/data/alternatives/0/interpretations/0/tokens");
        assertEquals(List.of("PT1S", "PT1.2S", "PT1.4S"),
                List.of(tokens.get(0).get("offset").asText(), tokens.get(1).get("offset").asText(),
                        tokens.get(2).get("offset").asText()));
    }

    @Test
    void interimsShareTheirFinalsIdAndAreOnlySentWhenAsked() {
        TranscriptSender quiet = sender(SETTINGS);
        give(quiet, result(Participant.Role.END_USER, "u1", false, "hi", 1000, 1300));
        assertEquals(List.of(), session.sent, "interims are off by default");

        TranscriptSender sender = sender(new TranscriptSettings(true, 5, 10, 200, Duration.ofSeconds(1)));
        give(sender, result(Participant.Role.END_USER, "u2", false, "hi", 1000, 1300));
        give(sender, fin("u2", "hi there"));
        give(sender, fin("u3", "next"));
        assertEquals(List.of("hi", "hi there", "next"), session.texts());
        assertFalse(session.sent.get(0).at("/data/isFinal").asBoolean());
        assertFalse(session.sent.get(0).at("/data/alternatives/0/interpretations/0").has("tokens"));
        assertEquals(0.6, session.sent.get(0).at("/data/alternatives/0/confidence").asDouble(), 1e-6,
                "an interim's stability stands in for the confidence it does not have");
        assertEquals(session.sent.get(0).at("/data/id"), session.sent.get(1).at("/data/id"));
        assertNotEquals(session.sent.get(1).at("/data/id"), session.sent.get(2).at("/data/id"));
    }

    @Test
    void aBurstIsPacedByTheBucketInOrder() {
        TranscriptSender sender = sender(SETTINGS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            give(sender, fin("u" + i, "line " + i));
            expected.add("line " + i);
        }
        assertEquals(10, session.sent.size(), "the burst goes at once");
        assertEquals(20, sender.waiting());
        timers.advanceMillis(1000);
        assertEquals(15, session.sent.size(), "then five a second");
        timers.advanceMillis(3000);
        assertEquals(expected, session.texts(), "all of them, in order");
        assertEquals(30, counts.sent);
    }

    @Test
    void waitingInterimsAreReplacedInPlaceAndDroppedForTheirFinal() {
        TranscriptSender sender = sender(new TranscriptSettings(true, 1, 1, 200, Duration.ofSeconds(1)));
        give(sender, fin("u0", "first"));
        give(sender, result(Participant.Role.END_USER, "u1", false, "a", 1000, 1100));
        give(sender, result(Participant.Role.HUMAN_AGENT, "a1", false, "b", 1000, 1100));
        give(sender, result(Participant.Role.END_USER, "u1", false, "a bit", 1000, 1200));
        assertEquals(2, sender.waiting(), "the newer interim took the older one's place");
        timers.advanceMillis(1000);
        assertEquals(List.of("first", "a bit"), session.texts());
        give(sender, result(Participant.Role.HUMAN_AGENT, "a1", false, "b c", 1000, 1300));
        give(sender, result(Participant.Role.HUMAN_AGENT, "a1", true, "b c d", 1000, 1400));
        timers.advanceMillis(5000);
        assertEquals(List.of("first", "a bit", "b c d"), session.texts(), "the final superseded its interims");
        assertEquals(Map.of(), counts.dropped, "superseded interims are not losses");
    }

    @Test
    void beyondTheQueueTheOldestInterimThenTheOldestFinalGoAndAreCounted() {
        TranscriptSender sender = sender(new TranscriptSettings(true, 1, 1, 2, Duration.ofSeconds(1)));
        give(sender, fin("u0", "sent"));
        give(sender, fin("u1", "kept"));
        give(sender, result(Participant.Role.END_USER, "u2", false, "interim", 1000, 1100));
        give(sender, fin("u3", "newest")); // full: the interim goes
        give(sender, fin("u4", "newer still")); // full of finals: the oldest final goes
        timers.advanceMillis(10_000);
        assertEquals(List.of("sent", "newest", "newer still"), session.texts());
        assertEquals(Map.of(Drop.QUEUE_FULL, 2), counts.dropped);
    }

    @Test
    void error429HoldsEverythingBackForItsRetryAfter() {
        TranscriptSender sender = sender(SETTINGS);
        sender.clientError(429, OptionalLong.of(Duration.ofSeconds(2).toNanos()));
        give(sender, fin("u0", "held"));
        timers.advanceMillis(1900);
        assertEquals(List.of(), session.sent, "nothing during retryAfter");
        timers.advanceMillis(300);
        assertEquals(List.of("held"), session.texts());
        assertEquals(1, counts.limited);
        sender.clientError(429, OptionalLong.empty());
        give(sender, fin("u1", "later"));
        timers.advanceMillis(900);
        assertEquals(1, session.sent.size(), "without retryAfter the default hold applies");
        timers.advanceMillis(400);
        assertEquals(List.of("held", "later"), session.texts());
    }

    @Test
    void error405StopsEventsForThisSessionOnly() {
        TranscriptSender sender = sender(new TranscriptSettings(false, 1, 1, 200, Duration.ofSeconds(1)));
        TranscriptSender other = new TranscriptSender("s2", role -> 0, SETTINGS, new Session(), timers,
                TranscriptMetrics.NONE);
        give(sender, fin("u0", "sent"));
        give(sender, fin("u1", "queued"));
        sender.clientError(400, OptionalLong.empty()); // any other error changes nothing
        sender.clientError(405, OptionalLong.empty());
        give(sender, fin("u2", "after"));
        timers.advanceMillis(5000);
        assertEquals(List.of("sent"), session.texts());
        assertEquals(Map.of(Drop.REFUSED, 2), counts.dropped);
        give(other, fin("o1", "other call"));
        assertEquals(1, other.sent(), "another session keeps sending");
        assertTrue(sender.drained().isDone(), "a refused session has nothing to wait for at its close");
    }

    @Test
    void theCloseWaitsForTheQueueAndNothingGoesAfterClosed() {
        TranscriptSender sender = sender(new TranscriptSettings(false, 1, 1, 200, Duration.ofSeconds(1)));
        give(sender, fin("u0", "one"));
        give(sender, fin("u1", "two"));
        give(sender, fin("u2", "three"));
        CompletableFuture<Void> drained = sender.drained();
        assertFalse(drained.isDone());
        timers.advanceMillis(1000);
        assertFalse(drained.isDone());
        timers.advanceMillis(1000);
        assertTrue(drained.isDone(), "the last transcript went, so closed may follow");
        assertEquals(List.of("one", "two", "three"), session.texts());

        timers.advanceMillis(1000);
        give(sender, fin("u3", "four"));
        give(sender, fin("u4", "five")); // waits for its token
        session.closed = true;
        sender.closed();
        give(sender, fin("u5", "six"));
        timers.advanceMillis(10_000);
        assertEquals(List.of("one", "two", "three", "four"), session.texts());
        assertEquals(Map.of(Drop.CLOSED, 2), counts.dropped);
    }

    @Test
    void theCloseHearsOnlyAfterTheLastSendAndNeverUnderTheSendersLock() {
        List<Boolean> underLock = new ArrayList<>();
        TranscriptSender[] holder = new TranscriptSender[1];
        List<Boolean> doneDuringSend = new ArrayList<>();
        Session racing = new Session() {
            @Override
            public synchronized boolean sendEvent(List<? extends JsonNode> entities) {
                // the close asks while the last event is on its way (another thread, in production)
                CompletableFuture<Void> drained = holder[0].drained();
                drained.whenComplete((v, e) -> underLock.add(Thread.holdsLock(holder[0])));
                doneDuringSend.add(drained.isDone());
                return super.sendEvent(entities);
            }
        };
        holder[0] = new TranscriptSender("s1", role -> 0, SETTINGS, racing, timers, counts);
        give(holder[0], fin("u0", "last words"));
        assertEquals(List.of(false), doneDuringSend, "not drained while the last event is still being sent");
        timers.runDue();
        assertTrue(holder[0].drained().isDone());
        assertEquals(List.of("last words"), racing.texts());
        assertFalse(underLock.isEmpty());
        assertFalse(underLock.contains(true), "what waits for the close takes the session's lock: never under ours");
    }

    @Test
    void aSendThatThrowsDoesNotStopTheLaterOnes() {
        boolean[] fail = { true };
        Session flaky = new Session() {
            @Override
            public synchronized boolean sendEvent(List<? extends JsonNode> entities) {
                if (fail[0]) {
                    fail[0] = false;
                    throw new IllegalStateException("socket gone for a moment");
                }
                return super.sendEvent(entities);
            }
        };
        TranscriptSender sender = new TranscriptSender("s1", role -> 0, SETTINGS, flaky, timers, counts);
        give(sender, fin("u0", "lost"));
        give(sender, fin("u1", "sent"));
        assertEquals(List.of("sent"), flaky.texts());
        assertEquals(Map.of(Drop.CLOSED, 1), counts.dropped);
    }
}
