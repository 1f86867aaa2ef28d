package io.audiohook.connector.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesClient;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesSettings;
import com.google.cloud.dialogflow.v2beta1.ConversationsClient;
import com.google.cloud.dialogflow.v2beta1.ConversationsSettings;
import com.google.cloud.dialogflow.v2beta1.GeneratorsClient;
import com.google.cloud.dialogflow.v2beta1.GeneratorsSettings;
import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;
import com.google.cloud.dialogflow.v2beta1.ParticipantsSettings;

import io.grpc.ManagedChannelBuilder;

/** Google's own Dialogflow clients, pointed at the running application over plaintext gRPC without credentials. */
public final class DialogflowClients implements AutoCloseable {
    final ConversationProfilesClient profiles;
    public final ConversationsClient conversations;
    final ParticipantsClient participants;
    final GeneratorsClient generators;

    public DialogflowClients(URL application) {
        this(application, NoCredentialsProvider.create());
    }

    /** With credentials sent on every call (over plaintext: only a non-Google {@code Credentials} allows that). */
    DialogflowClients(URL application, CredentialsProvider credentials) {
        String endpoint = application.getHost() + ":" + application.getPort();
        try {
            profiles = ConversationProfilesClient.create(ConversationProfilesSettings.newBuilder()
                    .setEndpoint(endpoint)
                    .setCredentialsProvider(credentials)
                    .setTransportChannelProvider(plaintext(
                            ConversationProfilesSettings.defaultGrpcTransportProviderBuilder(), endpoint))
                    .build());
            conversations = ConversationsClient.create(ConversationsSettings.newBuilder()
                    .setEndpoint(endpoint)
                    .setCredentialsProvider(credentials)
                    .setTransportChannelProvider(plaintext(
                            ConversationsSettings.defaultGrpcTransportProviderBuilder(), endpoint))
                    .build());
            participants = ParticipantsClient.create(ParticipantsSettings.newBuilder()
                    .setEndpoint(endpoint)
                    .setCredentialsProvider(credentials)
                    .setTransportChannelProvider(plaintext(
                            ParticipantsSettings.defaultGrpcTransportProviderBuilder(), endpoint))
                    .build());
            generators = GeneratorsClient.create(GeneratorsSettings.newBuilder()
                    .setEndpoint(endpoint)
                    .setCredentialsProvider(credentials)
                    .setTransportChannelProvider(plaintext(
                            GeneratorsSettings.defaultGrpcTransportProviderBuilder(), endpoint))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InstantiatingGrpcChannelProvider plaintext(InstantiatingGrpcChannelProvider.Builder builder,
            String endpoint) {
        return builder.setEndpoint(endpoint).setChannelConfigurator(ManagedChannelBuilder::usePlaintext).build();
    }

    @Override
    public void close() {
        profiles.close();
        conversations.close();
        participants.close();
        generators.close();
    }
}
