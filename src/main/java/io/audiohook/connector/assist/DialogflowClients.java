package io.audiohook.connector.assist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesClient;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesSettings;
import com.google.cloud.dialogflow.v2beta1.ConversationsClient;
import com.google.cloud.dialogflow.v2beta1.ConversationsSettings;
import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;
import com.google.cloud.dialogflow.v2beta1.ParticipantsSettings;

import io.grpc.ManagedChannelBuilder;

/**
 * The three v2beta1 clients, created once on first use and shared by every call. Creation is lazy because an
 * in-process emulator's port is only known once the HTTP server is bound; it happens on the timer thread, never
 * on an event loop.
 */
public final class DialogflowClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DialogflowClients.class);

    private final Supplier<DialogflowEndpoint> endpointSource;
    private volatile Clients clients;
    private boolean closed;

    private record Clients(DialogflowEndpoint endpoint, ConversationProfilesClient profiles,
            ConversationsClient conversations, ParticipantsClient participants) {
    }

    public DialogflowClients(Supplier<DialogflowEndpoint> endpointSource) {
        this.endpointSource = endpointSource;
    }

    public ConversationProfilesClient profiles() {
        return clients().profiles();
    }

    public ConversationsClient conversations() {
        return clients().conversations();
    }

    public ParticipantsClient participants() {
        return clients().participants();
    }

    /** The endpoint in use; resolves it (and creates the clients) if nothing has used them yet. */
    public DialogflowEndpoint endpoint() {
        return clients().endpoint();
    }

    private Clients clients() {
        Clients c = clients;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Dialogflow clients are closed");
            }
            if (clients == null) {
                clients = create(endpointSource.get());
            }
            return clients;
        }
    }

    private static Clients create(DialogflowEndpoint endpoint) {
        LOG.infof("Dialogflow endpoint %s", endpoint);
        try {
            ConversationProfilesSettings.Builder profiles = ConversationProfilesSettings.newBuilder()
                    .setEndpoint(endpoint.target());
            ConversationsSettings.Builder conversations = ConversationsSettings.newBuilder()
                    .setEndpoint(endpoint.target());
            ParticipantsSettings.Builder participants = ParticipantsSettings.newBuilder()
                    .setEndpoint(endpoint.target());
            if (endpoint.plaintext()) {
                profiles.setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(plaintext(endpoint,
                                ConversationProfilesSettings.defaultGrpcTransportProviderBuilder()));
                conversations.setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(plaintext(endpoint,
                                ConversationsSettings.defaultGrpcTransportProviderBuilder()));
                participants.setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(plaintext(endpoint,
                                ParticipantsSettings.defaultGrpcTransportProviderBuilder()));
            }
            return new Clients(endpoint, ConversationProfilesClient.create(profiles.build()),
                    ConversationsClient.create(conversations.build()), ParticipantsClient.create(participants.build()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Dialogflow clients for " + endpoint, e);
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static InstantiatingGrpcChannelProvider plaintext(DialogflowEndpoint endpoint,
            InstantiatingGrpcChannelProvider.Builder builder) {
        return builder.setEndpoint(endpoint.target())
                .setChannelConfigurator(channel -> ((ManagedChannelBuilder) channel).usePlaintext())
                .build();
    }

    @Override
    public void close() {
        Clients c;
        synchronized (this) {
            closed = true;
            c = clients;
            clients = null;
        }
        if (c != null) {
            c.participants().close();
            c.conversations().close();
            c.profiles().close();
        }
    }
}
