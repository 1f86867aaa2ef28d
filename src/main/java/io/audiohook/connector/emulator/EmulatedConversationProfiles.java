package io.audiohook.connector.emulator;

import jakarta.inject.Inject;

import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.ConversationProfilesGrpc;
import com.google.cloud.dialogflow.v2beta1.GetConversationProfileRequest;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** ConversationProfiles: only the one configured profile, and only reading it. */
@GrpcService
public class EmulatedConversationProfiles extends ConversationProfilesGrpc.ConversationProfilesImplBase {

    @Inject
    UnaryCalls calls;
    @Inject
    ConversationProfile profile;
    @Inject
    EmulatorConfig config;

    @Override
    public void getConversationProfile(GetConversationProfileRequest request,
            StreamObserver<ConversationProfile> response) {
        calls.answer(response, () -> {
            if (!config.profileNames().contains(request.getName())) {
                throw Errors.notFound("Conversation profile", request.getName());
            }
            return profile.toBuilder().setName(request.getName()).build();
        });
    }
}
