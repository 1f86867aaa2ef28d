package io.audiohook.connector.emulator;

import jakarta.inject.Inject;

import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.GeneratorsGrpc;
import com.google.cloud.dialogflow.v2beta1.GetGeneratorRequest;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/** Generators: only the profile file's ({@link AssistProfiles}), and only reading them. */
@GrpcService
public class EmulatedGenerators extends GeneratorsGrpc.GeneratorsImplBase {

    @Inject
    UnaryCalls calls;
    @Inject
    AssistProfiles profiles;

    @Override
    public void getGenerator(GetGeneratorRequest request, StreamObserver<Generator> response) {
        calls.answer(response, () -> {
            ResourceNames.checkGenerator(request.getName());
            return profiles.generator(request.getName())
                    .orElseThrow(() -> Errors.notFound("Generator", request.getName()));
        });
    }
}
