package io.audiohook.connector.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ClientStream;
import com.google.api.gax.rpc.ResponseObserver;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.StreamController;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.InputAudioConfig;
import com.google.cloud.dialogflow.v2beta1.ParticipantsClient;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;
import com.google.protobuf.ByteString;

/** One StreamingAnalyzeContent call made the way the connector makes it: splitCall with a deadline. */
final class AnalyzeCall implements ResponseObserver<StreamingAnalyzeContentResponse> {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int CHUNK_BYTES_MULAW = 800; // 100 ms of 8 kHz µ-law

    final List<StreamingAnalyzeContentResponse> responses = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ClientStream<StreamingAnalyzeContentRequest> requests;

    private AnalyzeCall(ParticipantsClient client) {
        requests = client.streamingAnalyzeContentCallable().splitCall(this,
                GrpcCallContext.createDefault().withTimeoutDuration(Duration.ofSeconds(60)));
    }

    static AnalyzeCall open(ParticipantsClient client) {
        return new AnalyzeCall(client);
    }

    static InputAudioConfig.Builder audioConfig(AudioEncoding encoding) {
        return InputAudioConfig.newBuilder().setAudioEncoding(encoding).setSampleRateHertz(8000)
                .setLanguageCode("en-US").setModel("latest_long").setEnableAutomaticPunctuation(true);
    }

    /** A party's whole recording on one stream, sent in 100 ms µ-law chunks, and every response to it. */
    static List<StreamingAnalyzeContentResponse> speak(ParticipantsClient client, String participant, byte[] mulaw) {
        return open(client).config(participant, audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW))
                .audioInChunks(mulaw, CHUNK_BYTES_MULAW).halfClose().awaitCompletion();
    }

    /** The first request as the connector sends it. */
    AnalyzeCall config(String participant, InputAudioConfig.Builder audioConfig) {
        return send(StreamingAnalyzeContentRequest.newBuilder().setParticipant(participant)
                .setAudioConfig(audioConfig).setOutputMultipleUtterances(true).build());
    }

    AnalyzeCall send(StreamingAnalyzeContentRequest request) {
        requests.send(request);
        return this;
    }

    AnalyzeCall audio(byte[] audio, int from, int to) {
        return send(StreamingAnalyzeContentRequest.newBuilder()
                .setInputAudio(ByteString.copyFrom(audio, from, to - from)).setOutputMultipleUtterances(true).build());
    }

    /** Sends {@code audio} in chunks, as fast as the transport takes them. */
    AnalyzeCall audioInChunks(byte[] audio, int chunkBytes) {
        for (int from = 0; from < audio.length; from += chunkBytes) {
            audio(audio, from, Math.min(audio.length, from + chunkBytes));
        }
        return this;
    }

    AnalyzeCall halfClose() {
        requests.closeSend();
        return this;
    }

    boolean isDone() {
        return done.isDone();
    }

    void cancel() {
        requests.closeSendWithError(new RuntimeException("test cancels"));
    }

    /** Waits for the server to complete the call; fails on an error. */
    List<StreamingAnalyzeContentResponse> awaitCompletion() {
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stream failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stream did not complete in " + WAIT, e);
        }
        return responses;
    }

    /** Waits for the call to fail and returns the error; fails if it completes. */
    ApiException awaitError() {
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                return api;
            }
            throw new AssertionError("unexpected failure " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("stream did not fail in " + WAIT, e);
        }
        throw new AssertionError("stream completed, expected an error; responses: " + responses.size());
    }

    static StatusCode.Code code(ApiException e) {
        return e.getStatusCode().getCode();
    }

    @Override
    public void onStart(StreamController controller) {
    }

    @Override
    public void onResponse(StreamingAnalyzeContentResponse response) {
        responses.add(response);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }
}
