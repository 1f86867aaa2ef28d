package io.audiohook.connector.emulator;

import java.util.List;

import jakarta.inject.Inject;

import com.google.cloud.dialogflow.v2beta1.CreateParticipantRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsResponse;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.ParticipantsGrpc;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentRequest;
import com.google.cloud.dialogflow.v2beta1.StreamingAnalyzeContentResponse;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.vertx.core.Vertx;

/** Participants: create, list, and StreamingAnalyzeContent (see {@link AnalyzeContentStream}). */
@GrpcService
public class EmulatedParticipants extends ParticipantsGrpc.ParticipantsImplBase {
    private static final int DEFAULT_PAGE_SIZE = 100;

    @Inject
    UnaryCalls calls;
    @Inject
    ConversationStore store;
    @Inject
    EmulatorControl control;
    @Inject
    Script script;
    @Inject
    Knowledge knowledge;
    @Inject
    AssistProfiles profiles;
    @Inject
    Vertx vertx;
    @Inject
    EmulatorMetrics metrics;

    @Override
    public void createParticipant(CreateParticipantRequest request, StreamObserver<Participant> response) {
        calls.answer(response, () -> store.addParticipant(request.getParent(), request.getParticipant().getRole()));
    }

    @Override
    public void listParticipants(ListParticipantsRequest request, StreamObserver<ListParticipantsResponse> response) {
        calls.answer(response, () -> {
            List<Participant> all = store.participants(request.getParent());
            int from = pageStart(request.getPageToken());
            int size = request.getPageSize() > 0 ? request.getPageSize() : DEFAULT_PAGE_SIZE;
            int to = Math.min(all.size(), from + size);
            ListParticipantsResponse.Builder page = ListParticipantsResponse.newBuilder()
                    .addAllParticipants(all.subList(Math.min(from, to), to));
            if (to < all.size()) {
                page.setNextPageToken(Integer.toString(to));
            }
            return page.build();
        });
    }

    @Override
    public StreamObserver<StreamingAnalyzeContentRequest> streamingAnalyzeContent(
            StreamObserver<StreamingAnalyzeContentResponse> response) {
        if (!control.enabled()) {
            response.onError(Errors.disabled());
            return new Ignored<>();
        }
        return new AnalyzeContentStream(response, new AnalyzeContentStream.Services(store, control, script, knowledge,
                profiles, vertx, metrics));
    }

    private static int pageStart(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw Errors.invalid("Invalid page token: '" + token + "'");
        }
    }

    /** Swallows the requests of a call that was already answered. */
    private static final class Ignored<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
