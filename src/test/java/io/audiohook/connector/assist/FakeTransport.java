package io.audiohook.connector.assist;

import java.util.ArrayList;
import java.util.List;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;

import io.grpc.Status;

/** Stands in for Dialogflow in unit tests: every call is recorded, and the test answers or fails it. */
final class FakeTransport implements StreamTransport {
    final List<FakeCall> calls = new ArrayList<>();
    /** Calls opened from now on refuse every request, as a call that failed at once does. */
    boolean refuseRequests;

    final class FakeCall implements Call {
        final Callbacks callbacks;
        final List<StreamingAnalyzeContentRequest> requests = new ArrayList<>();
        boolean ready = true;
        boolean halfClosed;
        boolean cancelled;
        boolean stalled;
        final boolean refuses = refuseRequests;
        /** Reported from within {@link #halfClose()}, as by a call that had failed already. */
        Throwable halfCloseError;

        FakeCall(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public void send(StreamingAnalyzeContentRequest request) {
            if (refuses) {
                throw new IllegalStateException("call already failed");
            }
            requests.add(request);
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void halfClose() {
            halfClosed = true;
            if (halfCloseError != null) {
                callbacks.onError(halfCloseError);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            callbacks.onError(error(Status.Code.CANCELLED, "cancelled"));
        }

        @Override
        public void stalled() {
            stalled = true;
        }

        StreamingAnalyzeContentRequest config() {
            return requests.get(0);
        }

        /** Audio bytes received on this call. */
        long audioBytes() {
            return requests.stream().mapToLong(r -> r.getInputAudio().size()).sum();
        }

        void fail(Status.Code code, String description) {
            callbacks.onError(error(code, description));
        }

        void respond(StreamingAnalyzeContentResponse response) {
            callbacks.onResponse(response);
        }

        void complete() {
            callbacks.onComplete();
        }
    }

    static Throwable error(Status.Code code, String description) {
        return ApiExceptionFactory.createException(Status.fromCode(code).withDescription(description)
                .asRuntimeException(), GrpcStatusCode.of(code), code == Status.Code.UNAVAILABLE);
    }

    @Override
    public Call open(Callbacks callbacks) {
        FakeCall call = new FakeCall(callbacks);
        calls.add(call);
        return call;
    }

    FakeCall last() {
        return calls.get(calls.size() - 1);
    }
}
