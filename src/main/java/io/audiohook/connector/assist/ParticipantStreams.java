package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.audio.RecognizerEncoding;
import io.audiohook.connector.audio.SampleFormat;
import io.audiohook.connector.log.LogContext;
import io.audiohook.connector.protocol.Channel;

/**
 * A call's participant streams, one per negotiated channel and in the channels' order (a mono call has one):
 * the customer's channel (external unless the call's {@code customConfig} says otherwise) → END_USER, the other →
 * HUMAN_AGENT, whatever their order is. What the call does to all of them at once
 * goes through here.
 *
 * <p>Threading: immutable once built; every stream guards itself. Nothing here takes a lock, so each call runs
 * under whatever lock its caller holds, and no other.
 */
final class ParticipantStreams {
    private final ParticipantStream[] streams;

    /**
     * @param received what AudioHook negotiated
     * @param sent     what Dialogflow is sent ({@link RecognizerEncoding#sentFor})
     */
    ParticipantStreams(String sessionId, List<Channel> channels, Channel customer, SampleFormat received,
            RecognizerEncoding sent, StreamServices services, CallWarnings warnings, LogContext logContext) {
        this.streams = new ParticipantStream[channels.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new ParticipantStream(sessionId, roleOf(channels.get(i), customer), received, sent, services,
                    warnings, logContext);
        }
    }

    static Participant.Role roleOf(Channel channel, Channel customer) {
        return channel == customer ? Participant.Role.END_USER : Participant.Role.HUMAN_AGENT;
    }

    /** The stream of a negotiated channel, by its index in the media. */
    ParticipantStream channel(int index) {
        return streams[index];
    }

    Optional<ParticipantStream> of(Participant.Role role) {
        for (ParticipantStream stream : streams) {
            if (stream.role() == role) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    /** The roles in the channels' order. */
    List<Participant.Role> roles() {
        List<Participant.Role> roles = new ArrayList<>();
        for (ParticipantStream stream : streams) {
            roles.add(stream.role());
        }
        return roles;
    }

    /** Runs {@code action} on each stream, in the channels' order. */
    void each(Consumer<ParticipantStream> action) {
        for (ParticipantStream stream : streams) {
            action.accept(stream);
        }
    }

    /** Completes once every stream has finished (each bounded by its own deadline). */
    CompletableFuture<Void> finish() {
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        for (ParticipantStream stream : streams) {
            finished.add(stream.finish());
        }
        return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
    }
}
