package io.audiohook.connector.assist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesClient;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesSettings;
import com.google.cloud.dialogflow.v2beta1.ConversationsClient;
import com.google.cloud.dialogflow.v2beta1.ConversationsSettings;
import com.google.cloud.dialogflow.v2beta1.GeneratorsClient;
import com.google.cloud.dialogflow.v2beta1.GeneratorsSettings;
import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;
import com.google.cloud.dialogflow.v2beta1.ParticipantsSettings;

import io.grpc.ManagedChannelBuilder;

/**
 * Google's v2beta1 clients, shared by every call. Unary calls (profiles, conversations, participants, generators) have
 * channels of their own, so setup never queues behind streams; StreamingAnalyzeContent streams go over a
 * {@link ChannelPool} of Participants clients, each with one channel, sized to the live streams. Every client
 * shares one small background executor instead of starting threads of its own.
 *
 * <p>Every channel's executor is direct: responses and stream events are handled on the gRPC Netty thread that
 * read them, not handed to a pool thread first. That is one thread wake-up less per response, about a tenth of a
 * call's CPU in {@code bench/run-call-cost.sh}. What runs there never blocks: it queues, publishes asynchronously or
 * starts other calls. Token refreshes, the one blocking step gRPC would run on that executor, go to the
 * credentials' own thread ({@link DialogflowCredentials}).
 *
 * <p>Created lazily on first use, on the assist timer thread (never on an event loop): an in-process emulator's
 * port is only known once the HTTP server is bound, and credentials may take a moment to be found.
 */
public final class DialogflowClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DialogflowClients.class);

    /**
     * @param maxStreamsPerChannel streams one channel (one HTTP/2 connection) carries at most
     * @param maxChannels          channels for streams at most
     * @param idleClose            a stream channel without streams this long is closed (one stays)
     */
    public record ChannelSettings(int maxStreamsPerChannel, int maxChannels, Duration idleClose) {
    }

    private final Supplier<DialogflowEndpoint> endpointSource;
    private final ChannelSettings channelSettings;
    private final Supplier<CredentialsProvider> credentials;
    private final ScheduledExecutorService executor;
    private final Duration streamDeadline;
    private volatile Clients clients;
    private boolean closed;

    private record Clients(DialogflowEndpoint endpoint, ConversationProfilesClient profiles,
            ConversationsClient conversations, ParticipantsClient participants, GeneratorsClient generators,
            ChannelPool<ParticipantsClient> pool, StreamTransport streams) {
    }

    /**
     * @param credentials for endpoints with TLS (Google's); plaintext endpoints (an emulator) get none
     * @param executor    the background executor of every client (gax's timers and watchdogs): 1–2 threads
     */
    public DialogflowClients(Supplier<DialogflowEndpoint> endpointSource, ChannelSettings channelSettings,
            Supplier<CredentialsProvider> credentials, ScheduledExecutorService executor, Duration streamDeadline) {
        this.endpointSource = endpointSource;
        this.channelSettings = channelSettings;
        this.credentials = credentials;
        this.executor = executor;
        this.streamDeadline = streamDeadline;
    }

    public ConversationProfilesClient profiles() {
        return clients().profiles();
    }

    public ConversationsClient conversations() {
        return clients().conversations();
    }

    /** A profile's generators, read to know which of them summarize. */
    public GeneratorsClient generators() {
        return clients().generators();
    }

    /** For unary participant calls only; streams go through {@link #streams()}. */
    public ParticipantsClient participants() {
        return clients().participants();
    }

    StreamTransport streams() {
        return clients().streams();
    }

    /** Channels and streams of the stream pool now; all zero before the first call. */
    public ChannelStats channelStats() {
        Clients c = clients;
        return c == null ? ChannelStats.NONE : c.pool().stats();
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

    private Clients create(DialogflowEndpoint endpoint) {
        LOG.infof("Dialogflow endpoint %s; streams over up to %d channels of %d streams each", endpoint,
                channelSettings.maxChannels(), channelSettings.maxStreamsPerChannel());
        CredentialsProvider credentialsProvider = endpoint.plaintext() ? NoCredentialsProvider.create()
                : credentials.get();
        try {
            ConversationProfilesClient profiles = ConversationProfilesClient.create(configure(
                    ConversationProfilesSettings.newBuilder(), endpoint, credentialsProvider,
                    ConversationProfilesSettings.defaultGrpcTransportProviderBuilder()).build());
            ConversationsClient conversations = ConversationsClient.create(configure(ConversationsSettings.newBuilder(),
                    endpoint, credentialsProvider, ConversationsSettings.defaultGrpcTransportProviderBuilder()).build());
            ParticipantsClient participants = participantsClient(endpoint, credentialsProvider);
            GeneratorsClient generators = GeneratorsClient.create(configure(GeneratorsSettings.newBuilder(), endpoint,
                    credentialsProvider, GeneratorsSettings.defaultGrpcTransportProviderBuilder()).build());
            ChannelPool<ParticipantsClient> pool = new ChannelPool<>(channelSettings.maxStreamsPerChannel(),
                    channelSettings.maxChannels(), channelSettings.idleClose().toNanos(), System::nanoTime,
                    new ChannelPool.Channels<>() {
                        @Override
                        public ParticipantsClient open(int index) {
                            return participantsClient(endpoint, credentialsProvider);
                        }

                        @Override
                        public void close(ParticipantsClient client) {
                            client.close();
                        }
                    }, executor);
            return new Clients(endpoint, profiles, conversations, participants, generators, pool,
                    new GrpcStreamTransport(pool, streamDeadline));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Dialogflow clients for " + endpoint, e);
        }
    }

    private ParticipantsClient participantsClient(DialogflowEndpoint endpoint, CredentialsProvider credentialsProvider) {
        try {
            return ParticipantsClient.create(configure(ParticipantsSettings.newBuilder(), endpoint, credentialsProvider,
                    ParticipantsSettings.defaultGrpcTransportProviderBuilder()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Dialogflow Participants client for " + endpoint, e);
        }
    }

    /** The same for every client: endpoint, credentials, the shared executor, and plaintext for an emulator. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private <B extends ClientSettings.Builder<?, ?>> B configure(B builder, DialogflowEndpoint endpoint,
            CredentialsProvider credentialsProvider, InstantiatingGrpcChannelProvider.Builder channel) {
        channel.setEndpoint(endpoint.target());
        boolean plaintext = endpoint.plaintext();
        channel.setChannelConfigurator(c -> {
            ManagedChannelBuilder b = ((ManagedChannelBuilder) c).directExecutor();
            return plaintext ? b.usePlaintext() : b;
        });
        builder.setEndpoint(endpoint.target());
        builder.setCredentialsProvider(credentialsProvider);
        builder.setBackgroundExecutorProvider(FixedExecutorProvider.create(executor));
        builder.setTransportChannelProvider(channel.build());
        return builder;
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
            c.pool().close();
            c.participants().close();
            c.generators().close();
            c.conversations().close();
            c.profiles().close();
        }
    }
}
