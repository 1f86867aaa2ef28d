package io.audiohook.connector.emulator;

import jakarta.inject.Inject;

import com.google.cloud.dialogflow.v2beta1.CompleteConversationRequest;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationsGrpc;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsRequest;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.GetConversationRequest;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryRequest;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryResponse;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** Conversations: create (honouring a custom id), get, complete, summaries and generators ({@link Summaries}). */
@GrpcService
public class EmulatedConversations extends ConversationsGrpc.ConversationsImplBase {

    @Inject
    UnaryCalls calls;
    @Inject
    ConversationStore store;
    @Inject
    Summaries summaries;
    @Inject
    EmulatorControl control;

    @Override
    public void createConversation(CreateConversationRequest request, StreamObserver<Conversation> response) {
        calls.answer(response, () -> store.create(request));
    }

    @Override
    public void getConversation(GetConversationRequest request, StreamObserver<Conversation> response) {
        calls.answer(response, () -> store.get(request.getName()));
    }

    @Override
    public void completeConversation(CompleteConversationRequest request, StreamObserver<Conversation> response) {
        calls.answer(response, () -> {
            Conversation completed = store.complete(request.getName());
            // Dialogflow refuses audio for a completed conversation, streams already open included
            store.completionHandlers(request.getName()).forEach(Runnable::run);
            return completed;
        });
    }

    @Override
    public void suggestConversationSummary(SuggestConversationSummaryRequest request,
            StreamObserver<SuggestConversationSummaryResponse> response) {
        calls.answer(response, control.summaryLatency(), () -> summaries.summarize(request));
    }

    @Override
    public void generateSuggestions(GenerateSuggestionsRequest request,
            StreamObserver<GenerateSuggestionsResponse> response) {
        calls.answer(response, control.summaryLatency(), () -> summaries.generate(request));
    }
}
