package io.audiohook.connector.emulator;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * What the emulator saw from one participant, for tests to compare with what a client sent.
 *
 * @param streams the most recent streams, oldest first (at most {@value StoredParticipant#STREAMS_KEPT})
 */
public record ParticipantStats(String name, Participant.Role role, String conversation, int streamsOpened,
        long audioBytes, int utterancesFinalized, List<StreamStats> streams) {
}
