package io.audiohook.connector.assist;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

import com.google.cloud.dialogflow.v2beta1.ParticipantsSettings;

/**
 * Builds gRPC channels on one of the server's event loops ({@link StreamLoops}), with gRPC's unshaded Netty: what is
 * written from that loop goes out without waking another thread, and what comes back is handled there (direct
 * executor). Every channel carries the {@code x-goog-api-client} header that gax's own channels send, since a channel
 * handed to a client gets none.
 */
final class LoopChannels {
    private static final Metadata API_CLIENT_HEADERS = new Metadata();

    static {
        ParticipantsSettings.defaultApiClientHeaderProviderBuilder().build().getHeaders().forEach((name, value) ->
                API_CLIENT_HEADERS.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    }

    private final StreamLoops loops;
    private final DialogflowEndpoint endpoint;

    LoopChannels(StreamLoops loops, DialogflowEndpoint endpoint) {
        this.loops = loops;
        this.endpoint = endpoint;
    }

    /**
     * A channel for streams: gRPC's own retry layer is off, as gax never asks it to retry a stream, our recovery
     * reopens a failed one with its audio kept ({@link Recovery}), and the layer kept a copy of each request until
     * the first answer came.
     */
    ManagedChannel forStreams(int lane) {
        return build(builder(lane).disableRetry());
    }

    /**
     * A channel for unary calls (setup, summaries, completions), with gRPC's transparent retry of a call that never
     * left the client (a connection going away, say); gax's retry settings apply on top as on its own channels.
     */
    ManagedChannel forUnaryCalls(int lane) {
        return build(builder(lane));
    }

    private NettyChannelBuilder builder(int lane) {
        return NettyChannelBuilder.forTarget(endpoint.target())
                .eventLoopGroup(loops.loop(lane)).channelType(loops.channelType())
                .directExecutor().maxInboundMessageSize(Integer.MAX_VALUE)
                .intercept(MetadataUtils.newAttachHeadersInterceptor(API_CLIENT_HEADERS));
    }

    private ManagedChannel build(NettyChannelBuilder builder) {
        return (endpoint.plaintext() ? builder.usePlaintext() : builder.useTransportSecurity()).build();
    }
}
