package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;

import io.grpc.ManagedChannel;

/**
 * One pooled channel for StreamingAnalyzeContent: Google's client over it and, when the channel runs on one of
 * the server's event loops, that channel, which the client does not close itself (it was handed in).
 *
 * @param own the channel to shut down with the client; null when the client built (and closes) its own
 */
record StreamChannel(ParticipantsClient client, ManagedChannel own) implements AutoCloseable {

    @Override
    public void close() {
        client.close();
        if (own != null) {
            own.shutdown();
        }
    }
}
