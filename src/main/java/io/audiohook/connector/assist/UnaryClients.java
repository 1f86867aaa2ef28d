package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.ConversationsClient;
import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;

import io.grpc.ManagedChannel;

/**
 * The clients of a call's unary requests (setup, summary, completion) for one lane: over one channel on that lane's
 * event loop, or over gax's own channels when there are no lanes.
 *
 * @param own the channel both clients use, shut down with them; null when each built (and closes) its own
 */
record UnaryClients(ConversationsClient conversations, ParticipantsClient participants, ManagedChannel own)
        implements AutoCloseable {

    @Override
    public void close() {
        participants.close();
        conversations.close();
        if (own != null) {
            own.shutdown();
        }
    }
}
