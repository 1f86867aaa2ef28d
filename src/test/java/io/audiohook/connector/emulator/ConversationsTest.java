package io.audiohook.connector.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.UnimplementedException;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsResponse;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.cloud.dialogflow.v2beta1.SuggestionFeature;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The unary methods, through Google's Java client over real gRPC on the application's HTTP port. */
@QuarkusTest
class ConversationsTest {
    @TestHTTPResource("/")
    URL application;
    @Inject
    EmulatorControl control;

    DialogflowClients df;

    @BeforeEach
    void connect() {
        df = new DialogflowClients(application);
    }

    @AfterEach
    void close() {
        control.reset();
        df.close();
    }

    @Test
    void theConfiguredProfileIsAnAgentAssistProfileWithSentiment() {
        ConversationProfile profile = df.profiles.getConversationProfile(EmulatedCall.PROFILE);
        assertEquals(EmulatedCall.PROFILE, profile.getName());
        assertEquals("en-US", profile.getSttConfig().getLanguageCode());
        assertEquals("latest_long", profile.getSttConfig().getModel());
        assertTrue(profile.getHumanAgentAssistantConfig().getMessageAnalysisConfig().getEnableSentimentAnalysis());
        assertEquals(SuggestionFeature.Type.FAQ, profile.getHumanAgentAssistantConfig().getHumanAgentSuggestionConfig()
                .getFeatureConfigs(0).getSuggestionFeature().getType());

        assertThrows(NotFoundException.class, () -> df.profiles.getConversationProfile(
                "projects/emulated-project/locations/us-central1/conversationProfiles/other"));
    }

    @Test
    void conversationLifecycle() {
        long createdBefore = control.conversationsCreated();
        String id = EmulatedCall.newConversationId();
        String name = EmulatedCall.PARENT + "/conversations/" + id;
        assertThrows(NotFoundException.class, () -> df.conversations.getConversation(name));

        Conversation created = df.conversations.createConversation(create(id));
        assertEquals(name, created.getName());
        assertEquals(Conversation.LifecycleState.IN_PROGRESS, created.getLifecycleState());
        assertEquals(EmulatedCall.PROFILE, created.getConversationProfile());
        assertEquals(created, df.conversations.getConversation(name));
        assertEquals(createdBefore + 1, control.conversationsCreated());

        AlreadyExistsException taken = assertThrows(AlreadyExistsException.class,
                () -> df.conversations.createConversation(create(id)));
        assertTrue(taken.getMessage().contains(name), taken.getMessage());

        Conversation completed = df.conversations.completeConversation(name);
        assertEquals(Conversation.LifecycleState.COMPLETED, completed.getLifecycleState());
        assertTrue(completed.hasEndTime());
        assertEquals(completed, df.conversations.completeConversation(name), "completing again changes nothing");
        assertEquals(Conversation.LifecycleState.COMPLETED, df.conversations.getConversation(name).getLifecycleState());

        ConversationStats stats = control.conversation(name).orElseThrow();
        assertEquals(Conversation.LifecycleState.COMPLETED, stats.state());
        assertEquals(2, stats.completions());
        assertThrows(NotFoundException.class,
                () -> df.conversations.completeConversation(EmulatedCall.PARENT + "/conversations/absent"));
    }

    @Test
    void conversationIdIsGeneratedWhenAbsentAndCheckedWhenGiven() {
        Conversation generated = df.conversations.createConversation(CreateConversationRequest.newBuilder()
                .setParent(EmulatedCall.PARENT)
                .setConversation(Conversation.newBuilder().setConversationProfile(EmulatedCall.PROFILE)).build());
        assertTrue(generated.getName().matches(EmulatedCall.PARENT + "/conversations/[a-zA-Z][a-zA-Z0-9_-]{21}"),
                generated.getName());

        assertThrows(InvalidArgumentException.class, () -> df.conversations.createConversation(create("1abc")));
        assertThrows(NotFoundException.class, () -> df.conversations.createConversation(CreateConversationRequest
                .newBuilder().setParent(EmulatedCall.PARENT).setConversationId(EmulatedCall.newConversationId())
                .setConversation(Conversation.newBuilder().setConversationProfile(EmulatedCall.PARENT
                        + "/conversationProfiles/unknown")).build()));
    }

    @Test
    void participantsAreCreatedAndListedInOrder() {
        EmulatedCall call = EmulatedCall.create(df);
        List<Participant> listed = df.participants.listParticipants(call.conversation()).getPage().getResponse()
                .getParticipantsList();
        assertEquals(List.of(participant(call.customer(), Participant.Role.END_USER),
                participant(call.agent(), Participant.Role.HUMAN_AGENT)), listed);
        assertTrue(call.customer().startsWith(call.conversation() + "/participants/"));

        ListParticipantsResponse firstPage = df.participants.listParticipantsCallable().call(
                ListParticipantsRequest.newBuilder().setParent(call.conversation()).setPageSize(1).build());
        assertEquals(List.of(listed.get(0)), firstPage.getParticipantsList());
        assertEquals(listed, toList(df.participants.listParticipants(call.conversation()).iterateAll()));

        assertEquals(List.of(call.customer(), call.agent()),
                control.conversation(call.conversation()).orElseThrow().participants());
        assertThrows(InvalidArgumentException.class, () -> df.participants.createParticipant(call.conversation(),
                Participant.newBuilder().build()));
        assertThrows(NotFoundException.class, () -> df.participants.listParticipants(
                EmulatedCall.PARENT + "/conversations/absent"));

        df.conversations.completeConversation(call.conversation());
        assertThrows(FailedPreconditionException.class, () -> df.participants.createParticipant(call.conversation(),
                Participant.newBuilder().setRole(Participant.Role.END_USER).build()));
    }

    @Test
    void unaryLatencyIsAddedWithoutBlocking() {
        EmulatedCall call = EmulatedCall.create(df);
        control.setUnaryLatency(Duration.ofMillis(300));
        long start = System.nanoTime();
        df.conversations.getConversation(call.conversation());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "latency applied");

        control.reset();
        start = System.nanoTime();
        df.conversations.getConversation(call.conversation());
        assertTrue(System.nanoTime() - start < Duration.ofMillis(300).toNanos(), "latency reset");
    }

    @Test
    void otherMethodsAreUnimplemented() {
        EmulatedCall call = EmulatedCall.create(df);
        assertThrows(UnimplementedException.class, () -> df.participants.getParticipant(call.customer()));
        assertThrows(UnimplementedException.class, () -> df.profiles.deleteConversationProfile(EmulatedCall.PROFILE));
    }

    static void eventually(BooleanSupplier condition) {
        io.audiohook.connector.testkit.TestCalls.eventually("condition", Duration.ofSeconds(5), condition);
    }
    private static CreateConversationRequest create(String id) {
        return CreateConversationRequest.newBuilder().setParent(EmulatedCall.PARENT).setConversationId(id)
                .setConversation(Conversation.newBuilder().setConversationProfile(EmulatedCall.PROFILE)).build();
    }

    private static Participant participant(String name, Participant.Role role) {
        return Participant.newBuilder().setName(name).setRole(role).build();
    }

    private static <T> List<T> toList(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
