package io.audiohook.connector.emulator;

import static io.audiohook.connector.emulator.AnalyzeCall.audioConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.CompleteConversationRequest;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.CreateParticipantRequest;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsRequest;
import com.google.cloud.dialogflow.v2beta1.GetConversationProfileRequest;
import com.google.cloud.dialogflow.v2beta1.GetConversationRequest;
import com.google.cloud.dialogflow.v2beta1.GetGeneratorRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsRequest;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryRequest;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * As in production by default: the emulator's services exist but answer UNAVAILABLE and do nothing, and the live
 * console is not there at all.
 */
@QuarkusTest
@TestProfile(DisabledEmulatorTest.Disabled.class)
class DisabledEmulatorTest {
    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.emulator.enabled", "false", "connector.console.enabled", "false");
        }
    }

    @TestHTTPResource("/")
    URL application;
    @Inject
    EmulatorControl control;

    @Test
    void theConsoleIsNotThere() {
        for (String path : List.of("/", "/console", "/console/console.js", "/console/api/info", "/console/api/stream")) {
            io.restassured.RestAssured.given().get(path).then().statusCode(404);
        }
        io.restassured.RestAssured.given().post("/console/api/demo-calls").then().statusCode(404);
    }

    @Test
    void everyMethodIsUnavailable() {
        String conversation = EmulatedCall.PARENT + "/conversations/" + EmulatedCall.newConversationId();
        try (DialogflowClients df = new DialogflowClients(application)) {
            // Google's client retries UNAVAILABLE for about a minute; the calls here must see the first answer.
            GrpcCallContext once = GrpcCallContext.createDefault().withRetryableCodes(Set.of());
            assertUnavailable(() -> df.profiles.getConversationProfileCallable().call(
                    GetConversationProfileRequest.newBuilder().setName(EmulatedCall.PROFILE).build(), once));
            assertUnavailable(() -> df.conversations.createConversationCallable().call(
                    CreateConversationRequest.newBuilder().setParent(EmulatedCall.PARENT)
                            .setConversation(Conversation.newBuilder().setConversationProfile(EmulatedCall.PROFILE))
                            .build(), once));
            assertUnavailable(() -> df.conversations.getConversationCallable().call(
                    GetConversationRequest.newBuilder().setName(conversation).build(), once));
            assertUnavailable(() -> df.conversations.completeConversationCallable().call(
                    CompleteConversationRequest.newBuilder().setName(conversation).build(), once));
            assertUnavailable(() -> df.participants.createParticipantCallable().call(
                    CreateParticipantRequest.newBuilder().setParent(conversation).setParticipant(
                            Participant.newBuilder().setRole(Participant.Role.END_USER)).build(), once));
            assertUnavailable(() -> df.participants.listParticipantsCallable().call(
                    ListParticipantsRequest.newBuilder().setParent(conversation).build(), once));
            assertUnavailable(() -> df.conversations.suggestConversationSummaryCallable().call(
                    SuggestConversationSummaryRequest.newBuilder().setConversation(conversation).build(), once));
            assertUnavailable(() -> df.conversations.generateSuggestionsCallable().call(
                    GenerateSuggestionsRequest.newBuilder().setConversation(conversation)
                            .addTriggerEvents(TriggerEvent.MANUAL_CALL).build(), once));
            assertUnavailable(() -> df.generators.getGeneratorCallable().call(GetGeneratorRequest.newBuilder()
                    .setName(EmulatedCall.PARENT + "/generators/emulated-summary").build(), once));

            ApiException error = AnalyzeCall.open(df.participants).config(conversation + "/participants/p",
                    audioConfig(AudioEncoding.AUDIO_ENCODING_MULAW)).awaitError();
            assertEquals(StatusCode.Code.UNAVAILABLE, error.getStatusCode().getCode());
            assertTrue(error.getMessage().contains("Dialogflow emulator is disabled"), error.getMessage());
        }
        assertEquals(0, control.conversationsCreated());
        assertEquals(0, control.streamsOpened());
    }

    private static void assertUnavailable(Executable call) {
        UnavailableException error = assertThrows(UnavailableException.class, call);
        assertTrue(error.getMessage().contains("Dialogflow emulator is disabled"), error.getMessage());
    }
}
