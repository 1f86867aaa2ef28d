package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.Participant;

import io.grpc.Status;

class StoredParticipantTest {
    private final StoredConversation conversation = new StoredConversation(EmulatedCall.PARENT + "/conversations/abc",
            EmulatedCall.PROFILE, Conversation.ConversationStage.HUMAN_ASSIST_STAGE, Protos.timestamp(Instant.EPOCH));
    private final StoredParticipant customer = new StoredParticipant(conversation.name + "/participants/c",
            Participant.Role.END_USER, conversation);

    @Test
    void streamCountersAddUpIntoTheParticipantAndItsRole() {
        StreamRecord first = open(1);
        StreamRecord second = open(2);
        first.audio(160);
        second.audio(320);
        first.utteranceFinalized();
        second.utteranceFinalized();
        second.utteranceFinalized();

        ParticipantStats stats = customer.stats();
        assertEquals(2, stats.streamsOpened());
        assertEquals(480, stats.audioBytes());
        assertEquals(3, stats.utterancesFinalized());
        assertEquals(List.of(160L, 320L), stats.streams().stream().map(StreamStats::audioBytes).toList());
        assertEquals(List.of(1, 2), stats.streams().stream().map(StreamStats::utterancesFinalized).toList());
        assertEquals(3, conversation.finalized(Participant.Role.END_USER).get(), "the next script line is the 4th");
        assertEquals(0, conversation.finalized(Participant.Role.HUMAN_AGENT).get());
    }

    @Test
    void onlyTheMostRecentStreamsAreKeptButAllAreCounted() {
        for (int number = 1; number <= StoredParticipant.STREAMS_KEPT + 1; number++) {
            open(number);
        }
        ParticipantStats stats = customer.stats();
        assertEquals(StoredParticipant.STREAMS_KEPT + 1, stats.streamsOpened());
        assertEquals(StoredParticipant.STREAMS_KEPT, stats.streams().size());
        assertEquals(2, stats.streams().get(0).number(), "the oldest went");
        assertEquals(StoredParticipant.STREAMS_KEPT + 1, stats.streams().get(stats.streams().size() - 1).number());
    }

    @Test
    void aStreamEndsOnce() {
        StreamRecord stream = open(1);
        assertNull(stream.stats().outcome(), "open");
        stream.ended(Status.Code.OUT_OF_RANGE);
        stream.ended(Status.Code.OK);
        assertEquals(Status.Code.OUT_OF_RANGE, stream.stats().outcome());
        assertEquals(new StreamStats(1, "en-US", "phone_call", AudioEncoding.AUDIO_ENCODING_MULAW, 8000, 0, 0,
                Status.Code.OUT_OF_RANGE), stream.stats());
    }

    private StreamRecord open(long number) {
        return customer.openStream(number, "en-US", "phone_call", AudioEncoding.AUDIO_ENCODING_MULAW, 8000);
    }
}
