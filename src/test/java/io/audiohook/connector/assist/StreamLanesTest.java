package io.audiohook.connector.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.core.ApiFuture;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationsGrpc;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.ParticipantsGrpc;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.cloud.dialogflow.v2beta1.StreamingRecognitionResult;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;

/**
 * Streams and unary requests on the server's event loops, through Google's client over real gRPC: a call made on a
 * loop gets that loop's lane, its responses and answers are handled on that very loop, each lane has channels of its
 * own, and a thread that is no loop gets the lanes in turn.
 */
class StreamLanesTest {
    private static final Metadata.Key<String> API_CLIENT = Metadata.Key.of("x-goog-api-client",
            Metadata.ASCII_STRING_MARSHALLER);
    private final List<String> apiClient = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CountDownLatch listening = new CountDownLatch(0);
    private Server server;
    private EventLoopGroup group;
    private ScheduledExecutorService background;
    private DialogflowClients clients;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forPort(0).addService(ServerInterceptors.intercept(
                new ParticipantsGrpc.ParticipantsImplBase() {
            @Override
            public StreamObserver<StreamingAnalyzeContentRequest> streamingAnalyzeContent(
                    StreamObserver<StreamingAnalyzeContentResponse> responses) {
                return new StreamObserver<>() {
                    @Override
                    public void onNext(StreamingAnalyzeContentRequest request) {
                        responses.onNext(StreamingAnalyzeContentResponse.newBuilder().setRecognitionResult(
                                StreamingRecognitionResult.newBuilder().setTranscript(request.getParticipant()))
                                .build());
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        responses.onCompleted();
                    }
                };
            }
        }, headers())).addService(ServerInterceptors.intercept(new ConversationsGrpc.ConversationsImplBase() {
            @Override
            public void createConversation(CreateConversationRequest request, StreamObserver<Conversation> answer) {
                try { // answered once the caller is listening, so that its callback runs where the answer is read
                    listening.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer.onNext(Conversation.newBuilder().setName(request.getConversationId()).build());
                answer.onCompleted();
            }
        }, headers())).build().start();
        group = newLoops();
        background = Executors.newSingleThreadScheduledExecutor();
        clients = new DialogflowClients(() -> new DialogflowEndpoint("localhost:" + server.getPort(), true),
                new DialogflowClients.ChannelSettings(40, 4, Duration.ofMinutes(1)), NoCredentialsProvider::create,
                background, Duration.ofMinutes(1), StreamLoops.of(group, channelType()));
    }

    /** The server's event loops: two of NIO's here, of the native transport in {@link StreamLanesEpollTest}. */
    EventLoopGroup newLoops() {
        return new NioEventLoopGroup(2);
    }

    Class<? extends Channel> channelType() {
        return NioSocketChannel.class;
    }

    private ServerInterceptor headers() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                apiClient.add(String.valueOf(headers.get(API_CLIENT)));
                return next.startCall(call, headers);
            }
        };
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        background.shutdownNow();
    }

    @Test
    void aCallsStreamsAreReadAndHandledOnItsOwnLoop() throws Exception {
        List<EventLoop> loops = loops();
        for (int i = 0; i < loops.size(); i++) {
            EventLoop loop = loops.get(i);
            int lane = loop.submit(clients::laneHere).get(5, TimeUnit.SECONDS);
            assertEquals(i, lane, "a call created on loop " + i + " gets its lane");
            CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            // opened and written off the loop, as a timer does
            StreamTransport.Call call = clients.streams(lane).open(new StreamTransport.Callbacks() {
                @Override
                public void onResponse(StreamingAnalyzeContentResponse response) {
                    assertEquals("lane " + lane, response.getRecognitionResult().getTranscript());
                    answeredOn.complete(Thread.currentThread());
                }

                @Override
                public void onError(Throwable error) {
                    answeredOn.completeExceptionally(error);
                    ended.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    ended.complete(null);
                }
            });
            call.send(StreamingAnalyzeContentRequest.newBuilder().setParticipant("lane " + lane).build());
            Thread thread = answeredOn.get(10, TimeUnit.SECONDS);
            assertTrue(loop.submit(() -> Thread.currentThread() == thread).get(5, TimeUnit.SECONDS),
                    "the response is handled on the call's loop, not on " + thread.getName());
            call.halfClose();
            ended.get(10, TimeUnit.SECONDS);
        }
        ChannelStats stats = clients.channelStats();
        assertTrue(stats.channels() >= loops.size(), "each lane has a channel of its own: " + stats);
        assertEquals(0, stats.streams(), "every stream gave its channel back: " + stats);
        assertEquals(loops.size(), apiClient.size());
        assertTrue(apiClient.stream().allMatch(h -> h.contains("gl-java/") && h.contains("gapic/")),
                "each stream says which client it is, as gax's own channels do: " + apiClient);
    }

    @Test
    void aCallsUnaryRequestsAreAnsweredOnItsOwnLoop() throws Exception {
        List<EventLoop> loops = loops();
        for (int lane = 0; lane < loops.size(); lane++) {
            listening = new CountDownLatch(1);
            CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
            // sent off the loop, as the setup's first request is (from a timer)
            ApiFuture<Conversation> created = clients.conversations(lane).createConversationCallable().futureCall(
                    CreateConversationRequest.newBuilder().setConversationId("c" + lane).build());
            created.addListener(() -> answeredOn.complete(Thread.currentThread()), Runnable::run);
            listening.countDown();
            assertEquals("c" + lane, created.get(10, TimeUnit.SECONDS).getName());
            Thread thread = answeredOn.get(10, TimeUnit.SECONDS);
            assertTrue(loops.get(lane).submit(() -> Thread.currentThread() == thread).get(5, TimeUnit.SECONDS),
                    "lane " + lane + "'s answer is handled on its loop, not on " + thread.getName());
        }
        assertEquals(loops.size(), apiClient.size());
        assertTrue(apiClient.stream().allMatch(h -> h.contains("gl-java/") && h.contains("gapic/")),
                "each request says which client it is, as gax's own channels do: " + apiClient);
        assertEquals(0, clients.channelStats().channels(), "unary requests take no stream channel");
    }

    private List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        return loops;
    }

    @Test
    void threadsThatAreNoLoopTakeTheLanesInTurn() {
        int first = clients.laneHere();
        int second = clients.laneHere();
        assertNotEquals(first, second);
        assertEquals(first, clients.laneHere());
    }
}
