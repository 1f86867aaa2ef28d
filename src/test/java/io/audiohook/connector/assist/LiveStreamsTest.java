package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.audiohook.connector.log.LogContext;
import io.grpc.Status;

/** Which of a participant's streams is current and which still owe results, with a transport the test answers. */
class LiveStreamsTest {
    final ManualTimers timers = new ManualTimers();
    final FakeTransport transport = new FakeTransport();
    /** What the current stream was whenever a stream reported its end. */
    final List<StreamAttempt> currentAtError = new ArrayList<>();
    final LiveStreams streams = new LiveStreams(new StreamAttempt.Owner() {
        @Override
        public void onResponse(StreamAttempt attempt, StreamingAnalyzeContentResponse response, long receivedNanos) {
        }

        @Override
        public void onError(StreamAttempt attempt, Throwable error) {
            currentAtError.add(streams.current());
        }

        @Override
        public void onComplete(StreamAttempt attempt) {
        }
    }, timers, LogContext.NONE);

    @Test
    void streamsAreNumberedAndTheNewestIsCurrent() {
        assertTrue(streams.idle());
        StreamAttempt first = streams.open(transport);
        assertSame(first, streams.current());
        assertSame(transport.last(), first.call);
        streams.halfCloseCurrent();
        assertNull(streams.current());
        assertFalse(streams.idle(), "a half-closed stream still owes its last results");
        StreamAttempt second = streams.open(transport);
        assertEquals(List.of(1, 2), List.of(first.id, second.id));
        assertFalse(streams.ended(first), "not the current one");
        assertTrue(streams.ended(second));
        assertNull(streams.current());
        assertTrue(streams.idle());
    }

    @Test
    void anOpenTheTransportRefusesLeavesNothingBehind() {
        StreamTransport closed = callbacks -> {
            throw new IllegalStateException("clients closed");
        };
        assertThrows(IllegalStateException.class, () -> streams.open(closed));
        assertNull(streams.current());
        assertTrue(streams.idle());
    }

    @Test
    void aStreamReportingAnErrorFromItsHalfCloseIsStillCurrentMeanwhile() {
        StreamAttempt attempt = streams.open(transport);
        transport.last().halfCloseError = FakeTransport.error(Status.Code.INTERNAL, "it had failed already");
        streams.halfCloseCurrent();
        assertSame(attempt, currentAtError.get(0), "so its owner treats the error as the current stream's");
        assertNull(streams.current());
    }

    @Test
    void aCancelledStreamIsNoLongerCurrentWhenItReportsItsEnd() {
        streams.open(transport);
        streams.cancelCurrent(); // the fake reports CANCELLED from within cancel, as gRPC may
        assertTrue(transport.last().cancelled);
        assertEquals(1, currentAtError.size());
        assertNull(currentAtError.get(0), "its end is no failure of the current stream");
    }

    @Test
    void leftoversStillLiveAfterTheDelayAreCancelled() {
        StreamAttempt done = streams.open(transport);
        streams.halfCloseCurrent();
        streams.open(transport);
        streams.halfCloseCurrent();
        streams.ended(done);
        streams.cancelLeftoversAfter(1_000);
        timers.advance(999);
        assertFalse(transport.calls.get(1).cancelled);
        timers.advance(1);
        assertFalse(transport.calls.get(0).cancelled, "it had ended");
        assertTrue(transport.calls.get(1).cancelled);
    }

    @Test
    void nothingIsScheduledWhenNoStreamIsLeft() {
        streams.cancelLeftoversAfter(1_000);
        assertEquals(0, timers.pending());
    }

    @Test
    void utteranceIdsAreUniqueWithinTheParticipantAndAcrossParticipants() {
        StreamAttempt first = streams.open(transport);
        String utterance = first.utteranceId();
        assertEquals(utterance, first.utteranceId(), "interim results share their utterance's id");
        first.finalResult(StreamingRecognitionResult.newBuilder().setIsFinal(true).build(), 8000, 1);
        String next = first.utteranceId();
        assertNotEquals(utterance, next, "a new one after each final");
        streams.halfCloseCurrent();
        String onTheNextStream = streams.open(transport).utteranceId();
        assertEquals(List.of(prefix(utterance), prefix(utterance)), List.of(prefix(next), prefix(onTheNextStream)));
        assertEquals(List.of("1", "2", "3"), List.of(counter(utterance), counter(next), counter(onTheNextStream)));
        LiveStreams other = new LiveStreams(null, timers, LogContext.NONE);
        assertNotEquals(prefix(utterance), prefix(other.open(transport).utteranceId()), "another participant's");
    }

    static String prefix(String utteranceId) {
        return utteranceId.substring(0, utteranceId.lastIndexOf('-'));
    }

    static String counter(String utteranceId) {
        return utteranceId.substring(utteranceId.lastIndexOf('-') + 1);
    }
}
