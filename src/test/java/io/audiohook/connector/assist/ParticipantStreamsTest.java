package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.protocol.Channel;

/** A call's streams: one per negotiated channel, in the channels' order, finished together. */
class ParticipantStreamsTest {
    final ManualTimers timers = new ManualTimers();
    final FakeTransport transport = new FakeTransport();

    ParticipantStreams streams(List<Channel> channels) {
        return streams(channels, Channel.EXTERNAL);
    }

    ParticipantStreams streams(List<Channel> channels, Channel customer) {
        return new ParticipantStreams("s", channels, customer, SampleFormat.PCMU, RecognizerEncoding.MULAW_8K,
                new StreamServices(
                ParticipantStreamTest.settings(false), timers, transport, e -> {
                }, language -> {
                }, AssistRuntime.Latencies.create()), new CallWarnings(), LogContext.NONE);
    }

    @Test
    void externalIsTheEndUserAndInternalTheAgentWhateverTheirOrder() {
        ParticipantStreams streams = streams(List.of(Channel.INTERNAL, Channel.EXTERNAL));
        assertEquals(List.of(Participant.Role.HUMAN_AGENT, Participant.Role.END_USER), streams.roles());
        assertSame(streams.channel(1), streams.of(Participant.Role.END_USER).orElseThrow());
        assertSame(streams.channel(0), streams.of(Participant.Role.HUMAN_AGENT).orElseThrow());
    }

    @Test
    void aCallMayNameTheInternalChannelTheCustomers() {
        ParticipantStreams streams = streams(List.of(Channel.EXTERNAL, Channel.INTERNAL), Channel.INTERNAL);
        assertEquals(List.of(Participant.Role.HUMAN_AGENT, Participant.Role.END_USER), streams.roles());
        assertSame(streams.channel(1), streams.of(Participant.Role.END_USER).orElseThrow());
    }

    @Test
    void aMonoCallHasOneStream() {
        ParticipantStreams streams = streams(List.of(Channel.EXTERNAL));
        assertEquals(List.of(Participant.Role.END_USER), streams.roles());
        assertEquals(Optional.empty(), streams.of(Participant.Role.HUMAN_AGENT));
        List<Participant.Role> visited = new ArrayList<>();
        streams.each(s -> visited.add(s.role()));
        assertEquals(List.of(Participant.Role.END_USER), visited);
    }

    @Test
    void theFinishCompletesOnceEveryStreamHasFinished() {
        ParticipantStreams streams = streams(List.of(Channel.EXTERNAL, Channel.INTERNAL));
        streams.each(s -> s.start(ParticipantStreamTest.TARGET));
        timers.runDue();
        CompletableFuture<Void> finished = streams.finish();
        assertEquals(2, transport.calls.size());
        assertTrue(transport.calls.get(0).halfClosed && transport.calls.get(1).halfClosed,
                "nothing waited: both half-closed for their last results");
        transport.calls.get(0).complete();
        timers.runDue();
        assertFalse(finished.isDone(), "the agent's last results have not come");
        transport.calls.get(1).complete();
        timers.runDue();
        assertTrue(finished.isDone());
    }
}
