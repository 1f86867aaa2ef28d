package io.audiohook.connector.emulator;

import jakarta.inject.Inject;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesGrpc;
import com.google.cloud.dialogflow.v2beta1.GetConversationProfileRequest;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** ConversationProfiles: only the served profiles ({@link AssistProfiles}), and only reading them. */
@GrpcService
public class EmulatedConversationProfiles extends ConversationProfilesGrpc.ConversationProfilesImplBase {

    @Inject
    UnaryCalls calls;
    @Inject
    AssistProfiles profiles;

    @Override
    public void getConversationProfile(GetConversationProfileRequest request,
            StreamObserver<ConversationProfile> response) {
        calls.answer(response, () -> profiles.of(request.getName()).proto());
    }
}
