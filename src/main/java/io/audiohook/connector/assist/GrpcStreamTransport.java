package io.audiohook.connector.assist;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ClientStream;
import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;

/**
 * StreamingAnalyzeContent calls through Google's client, each on a channel of the pool that it holds until the
 * call ends, with an explicit deadline (the Java client sets none on streaming calls).
 */
final class GrpcStreamTransport implements StreamTransport {
    private final ChannelPool<StreamChannel> pool;
    private final Duration deadline;

    GrpcStreamTransport(ChannelPool<StreamChannel> pool, Duration deadline) {
        this.pool = pool;
        this.deadline = deadline;
    }

    @Override
    public Call open(Callbacks callbacks) {
        ChannelPool<StreamChannel>.Lease lease = pool.acquire();
        GrpcCall call = new GrpcCall(lease, callbacks);
        try {
            call.stream = lease.channel().client().streamingAnalyzeContentCallable().splitCall(call,
                    GrpcCallContext.createDefault().withTimeoutDuration(deadline));
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
        return call;
    }

    private static final class GrpcCall implements Call, ResponseObserver<StreamingAnalyzeContentResponse> {
        private final ChannelPool<StreamChannel>.Lease lease;
        private final Callbacks callbacks;
        volatile ClientStream<StreamingAnalyzeContentRequest> stream;
        private volatile StreamController controller;

        GrpcCall(ChannelPool<StreamChannel>.Lease lease, Callbacks callbacks) {
            this.lease = lease;
            this.callbacks = callbacks;
        }

        @Override
        public void send(StreamingAnalyzeContentRequest request) {
            stream.send(request);
        }

        @Override
        public boolean isReady() {
            return stream.isSendReady();
        }

        @Override
        public void halfClose() {
            stream.closeSend();
        }

        @Override
        public void cancel() {
            StreamController c = controller;
            if (c != null) {
                c.cancel();
            } else {
                stream.closeSendWithError(new CancellationException("cancelled before it started"));
            }
        }

        @Override
        public void stalled() {
            lease.stalled();
        }

        @Override
        public void onStart(StreamController controller) {
            this.controller = controller;
        }

        @Override
        public void onResponse(StreamingAnalyzeContentResponse response) {
            callbacks.onResponse(response);
        }

        @Override
        public void onError(Throwable t) {
            lease.release();
            callbacks.onError(t);
        }

        @Override
        public void onComplete() {
            lease.release();
            callbacks.onComplete();
        }
    }
}
