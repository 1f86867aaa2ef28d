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
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesClient;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesSettings;
import com.google.cloud.dialogflow.v2beta1.ConversationsClient;
import com.google.cloud.dialogflow.v2beta1.ConversationsSettings;
import com.google.cloud.dialogflow.v2beta1.GeneratorsClient;
import com.google.cloud.dialogflow.v2beta1.GeneratorsSettings;
import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;
import com.google.cloud.dialogflow.v2beta1.ParticipantsSettings;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

/**
 * Google's v2beta1 clients, shared by every call. Unary calls (profiles, conversations, participants, generators) have
 * channels of their own, so setup never queues behind streams; StreamingAnalyzeContent streams go over
 * {@link StreamLanes}: a {@link ChannelPool} of Participants clients per event loop of the server, each client with
 * one channel on that loop, sized to the live streams. Every client shares one small background executor instead of
 * starting threads of its own.
 *
 * <p>Every channel's executor is direct: responses and stream events are handled on the Netty thread that read
 * them, not handed to a pool thread first; for streams that is the call's own event loop ({@link StreamLoops}).
 * What runs there never blocks: it queues, publishes asynchronously or starts other calls. Token refreshes, the one
 * blocking step gRPC would run on that executor, go to the credentials' own thread ({@link DialogflowCredentials}).
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

    /** What gax's own channels send with every call ({@code x-goog-api-client}); a channel handed in gets none. */
    private static final Metadata API_CLIENT_HEADERS = new Metadata();

    static {
        ParticipantsSettings.defaultApiClientHeaderProviderBuilder().build().getHeaders().forEach((name, value) ->
                API_CLIENT_HEADERS.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    }

    private final Supplier<DialogflowEndpoint> endpointSource;
    private final ChannelSettings channelSettings;
    private final Supplier<CredentialsProvider> credentials;
    private final ScheduledExecutorService executor;
    private final Duration streamDeadline;
    private final StreamLoops loops;
    private volatile Clients clients;
    private boolean closed;

    private record Clients(DialogflowEndpoint endpoint, ConversationProfilesClient profiles,
            ConversationsClient conversations, ParticipantsClient participants, GeneratorsClient generators,
            StreamLanes lanes) {
    }

    /**
     * @param credentials for endpoints with TLS (Google's); plaintext endpoints (an emulator) get none
     * @param executor    the background executor of every client (gax's timers and watchdogs): 1–2 threads
     * @param loops       where stream channels run: the server's event loops, or {@link StreamLoops#NONE}
     */
    public DialogflowClients(Supplier<DialogflowEndpoint> endpointSource, ChannelSettings channelSettings,
            Supplier<CredentialsProvider> credentials, ScheduledExecutorService executor, Duration streamDeadline,
            StreamLoops loops) {
        this.endpointSource = endpointSource;
        this.channelSettings = channelSettings;
        this.credentials = credentials;
        this.executor = executor;
        this.streamDeadline = streamDeadline;
        this.loops = loops;
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

    /** The lane of the calling thread's event loop (see {@link StreamLoops#here()}); creates nothing. */
    int laneHere() {
        return loops.here();
    }

    StreamTransport streams(int lane) {
        return clients().lanes().lane(lane);
    }

    /** Channels and streams of every lane's stream pool now; all zero before the first call. */
    public ChannelStats channelStats() {
        Clients c = clients;
        return c == null ? ChannelStats.NONE : c.lanes().stats();
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
        LOG.infof("Dialogflow endpoint %s; streams over up to %d channels of %d streams each, %s", endpoint,
                channelSettings.maxChannels(), channelSettings.maxStreamsPerChannel(), loops.shared()
                        ? "on the " + loops.lanes() + " event loops that serve the calls"
                        : "on gRPC's own threads");
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
            StreamLanes lanes = new StreamLanes(loops.lanes(), channelSettings,
                    lane -> streamChannel(endpoint, credentialsProvider, lane), executor, streamDeadline);
            return new Clients(endpoint, profiles, conversations, participants, generators, lanes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Dialogflow clients for " + endpoint, e);
        }
    }

    /** A stream channel on the lane's event loop, or on gRPC's own threads when streams do not share the loops. */
    private StreamChannel streamChannel(DialogflowEndpoint endpoint, CredentialsProvider credentialsProvider,
            int lane) {
        if (!loops.shared()) {
            return new StreamChannel(participantsClient(endpoint, credentialsProvider), null);
        }
        // gRPC's own retries off: gax never asks it to retry a stream, our recovery reopens a failed stream with its
        // audio kept (Recovery), and the retry layer kept a copy of each request until the first answer came
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(endpoint.target())
                .eventLoopGroup(loops.loop(lane)).channelType(loops.channelType())
                .directExecutor().maxInboundMessageSize(Integer.MAX_VALUE).disableRetry()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(API_CLIENT_HEADERS));
        ManagedChannel channel = (endpoint.plaintext() ? builder.usePlaintext() : builder.useTransportSecurity())
                .build();
        try {
            return new StreamChannel(ParticipantsClient.create(shared(ParticipantsSettings.newBuilder(),
                    endpoint, credentialsProvider,
                    FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel))).build()), channel);
        } catch (IOException e) {
            channel.shutdownNow();
            throw new UncheckedIOException("cannot create a Dialogflow stream client for " + endpoint, e);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
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

    /** A client with a channel of gax's own: direct executor, and plaintext for an emulator. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private <B extends ClientSettings.Builder<?, ?>> B configure(B builder, DialogflowEndpoint endpoint,
            CredentialsProvider credentialsProvider, InstantiatingGrpcChannelProvider.Builder channel) {
        channel.setEndpoint(endpoint.target());
        boolean plaintext = endpoint.plaintext();
        channel.setChannelConfigurator(c -> {
            ManagedChannelBuilder b = ((ManagedChannelBuilder) c).directExecutor();
            return plaintext ? b.usePlaintext() : b;
        });
        return shared(builder, endpoint, credentialsProvider, channel.build());
    }

    /** The same for every client, whoever made its channel: endpoint, credentials and the shared executor. */
    private <B extends ClientSettings.Builder<?, ?>> B shared(B builder, DialogflowEndpoint endpoint,
            CredentialsProvider credentialsProvider, TransportChannelProvider transport) {
        builder.setEndpoint(endpoint.target());
        builder.setCredentialsProvider(credentialsProvider);
        builder.setBackgroundExecutorProvider(FixedExecutorProvider.create(executor));
        builder.setTransportChannelProvider(transport);
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
            c.lanes().close();
            c.participants().close();
            c.generators().close();
            c.conversations().close();
            c.profiles().close();
        }
    }
}
