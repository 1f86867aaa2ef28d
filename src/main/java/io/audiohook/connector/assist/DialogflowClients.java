package io.audiohook.connector.assist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Google's v2beta1 clients, shared by every call. A call's unary requests (its conversation, participants, summary
 * and completion) and its StreamingAnalyzeContent streams go over its lane: the event loop of the server that reads
 * its WebSocket ({@link StreamLoops}). Each lane has one channel for unary requests ({@link UnaryClients}) and a
 * {@link ChannelPool} of stream channels ({@link StreamLanes}), sized to the live streams, so setup never queues
 * behind streams. The rest (profiles and generators, read once per profile) have gax's own channels. Every client
 * shares one small background executor instead of starting threads of its own.
 *
 * <p>Every channel's executor is direct: responses and stream events are handled on the Netty thread that read
 * them, not handed to a pool thread first; for a call's requests that is its own event loop. What runs there never
 * blocks: it queues, publishes asynchronously or starts other calls. Token refreshes, the one blocking step gRPC
 * would run on that executor, go to the credentials' own thread ({@link DialogflowCredentials}).
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
    private final StreamLoops loops;
    private volatile Clients clients;
    private boolean closed;

    private record Clients(DialogflowEndpoint endpoint, ConversationProfilesClient profiles,
            GeneratorsClient generators, List<UnaryClients> unary, StreamLanes lanes) {

        UnaryClients unary(int lane) {
            return unary.get(Math.floorMod(lane, unary.size()));
        }
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

    /** For a call's conversation requests, on its lane ({@link #laneHere()} where it was created). */
    public ConversationsClient conversations(int lane) {
        return clients().unary(lane).conversations();
    }

    /** A profile's generators, read to know which of them summarize. */
    public GeneratorsClient generators() {
        return clients().generators();
    }

    /** For a call's unary participant requests, on its lane; streams go through {@link #streams(int)}. */
    public ParticipantsClient participants(int lane) {
        return clients().unary(lane).participants();
    }

    /**
     * The lane of the calling thread's event loop (see {@link StreamLoops#here()}), or the next in turn for a thread
     * that is none; creates nothing.
     */
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
        LoopChannels channels = new LoopChannels(loops, endpoint);
        try {
            ConversationProfilesClient profiles = ConversationProfilesClient.create(configure(
                    ConversationProfilesSettings.newBuilder(), endpoint, credentialsProvider,
                    ConversationProfilesSettings.defaultGrpcTransportProviderBuilder()).build());
            GeneratorsClient generators = GeneratorsClient.create(configure(GeneratorsSettings.newBuilder(), endpoint,
                    credentialsProvider, GeneratorsSettings.defaultGrpcTransportProviderBuilder()).build());
            List<UnaryClients> unary = new ArrayList<>();
            for (int lane = 0; lane < loops.lanes(); lane++) {
                unary.add(unaryClients(endpoint, credentialsProvider, channels, lane));
            }
            StreamLanes lanes = new StreamLanes(loops.lanes(), channelSettings,
                    lane -> streamChannel(endpoint, credentialsProvider, channels, lane), executor, streamDeadline);
            return new Clients(endpoint, profiles, generators, List.copyOf(unary), lanes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Dialogflow clients for " + endpoint, e);
        }
    }

    /** The lane's unary clients over one channel on its loop, or over gax's own channels without lanes. */
    private UnaryClients unaryClients(DialogflowEndpoint endpoint, CredentialsProvider credentialsProvider,
            LoopChannels channels, int lane) throws IOException {
        if (!loops.shared()) {
            return new UnaryClients(ConversationsClient.create(configure(ConversationsSettings.newBuilder(), endpoint,
                    credentialsProvider, ConversationsSettings.defaultGrpcTransportProviderBuilder()).build()),
                    participantsClient(endpoint, credentialsProvider), null);
        }
        ManagedChannel channel = channels.forUnaryCalls(lane);
        TransportChannelProvider transport = FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        try {
            return new UnaryClients(ConversationsClient.create(shared(ConversationsSettings.newBuilder(), endpoint,
                    credentialsProvider, transport).build()), ParticipantsClient.create(shared(
                            ParticipantsSettings.newBuilder(), endpoint, credentialsProvider, transport).build()),
                    channel);
        } catch (IOException | RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /** A stream channel on the lane's event loop, or on gRPC's own threads when streams do not share the loops. */
    private StreamChannel streamChannel(DialogflowEndpoint endpoint, CredentialsProvider credentialsProvider,
            LoopChannels channels, int lane) {
        if (!loops.shared()) {
            return new StreamChannel(participantsClient(endpoint, credentialsProvider), null);
        }
        ManagedChannel channel = channels.forStreams(lane);
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
            c.unary().forEach(UnaryClients::close);
            c.generators().close();
            c.profiles().close();
        }
    }
}
