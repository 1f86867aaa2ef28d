package io.audiohook.connector.assist;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.ConversationProfile;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.CreateParticipantRequest;
import com.google.cloud.dialogflow.v2beta1.GetConversationProfileRequest;
import com.google.cloud.dialogflow.v2beta1.GetConversationRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsRequest;
import com.google.cloud.dialogflow.v2beta1.ListParticipantsResponse;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * Finds or creates the Dialogflow conversation of a Genesys conversation and its two participants, with
 * asynchronous calls only. Idempotent: a second session for the same call ends up with the same conversation
 * and participants.
 */
final class ConversationSetup {
    private final DialogflowClients clients;
    private final ProfileName profile;
    private final Map<String, CompletableFuture<ConversationProfile>> profiles = new ConcurrentHashMap<>();

    /** The outcome for one call. {@code created} is true when this setup created the conversation. */
    record Result(ConversationProfile profile, Conversation conversation, boolean created, Participant endUser,
            Participant humanAgent) {

        boolean completed() {
            return conversation.getLifecycleState() == Conversation.LifecycleState.COMPLETED;
        }

        Participant participant(Participant.Role role) {
            return role == Participant.Role.END_USER ? endUser : humanAgent;
        }
    }

    private record Found(Conversation conversation, boolean created) {
    }

    ConversationSetup(DialogflowClients clients, ProfileName profile) {
        this.clients = clients;
        this.profile = profile;
    }

    /**
     * @param callProfile the profile the call chose ({@code customConfig}), in the default's project and location,
     *                    so the conversation's name (the desktop's key) is the same whichever profile it uses
     * @param lane        the call's lane: its requests go, and their answers arrive, on its connection's event loop
     */
    CompletableFuture<Result> run(String genesysConversationId, ProfileName callProfile, int lane) {
        String name = callProfile.conversationName(genesysConversationId);
        return profile(callProfile).thenCompose(p -> findOrCreate(name, genesysConversationId, callProfile, lane)
                .thenCompose(found -> {
            if (found.conversation().getLifecycleState() == Conversation.LifecycleState.COMPLETED) {
                return CompletableFuture.completedFuture(new Result(p, found.conversation(), false, null, null));
            }
            return participants(name, found.created(), lane).thenApply(
                    pair -> new Result(p, found.conversation(), found.created(), pair[0], pair[1]));
        }));
    }


    /** Fetched once per profile name; a failure is not cached, so the next call tries again. */
    CompletableFuture<ConversationProfile> profile(ProfileName profile) {
        CompletableFuture<ConversationProfile> cached = profiles.computeIfAbsent(profile.name(),
                n -> Futures.of(clients.profiles().getConversationProfileCallable()
                        .futureCall(GetConversationProfileRequest.newBuilder().setName(n).build())));
        cached.whenComplete((p, e) -> {
            if (e != null) {
                profiles.remove(profile.name(), cached);
            }
        });
        return cached;
    }

    /**
     * Creates the conversation first, as nearly every call is a new one: one RPC and no refusal on the way. A second
     * session of the same call (a reconnect, on any instance) is answered ALREADY_EXISTS and reads it instead.
     */
    private CompletableFuture<Found> findOrCreate(String name, String genesysConversationId, ProfileName profile,
            int lane) {
        CreateConversationRequest create = CreateConversationRequest.newBuilder()
                .setParent(profile.parent())
                .setConversation(Conversation.newBuilder().setConversationProfile(profile.name()))
                .setConversationId(ProfileName.conversationId(genesysConversationId))
                .build();
        return Futures.of(clients.conversations(lane).createConversationCallable().futureCall(create))
                .thenApply(c -> new Found(c, true))
                .exceptionallyCompose(e -> Futures.code(e) == StatusCode.Code.ALREADY_EXISTS
                        ? get(name, lane).thenApply(c -> new Found(c, false))
                        : CompletableFuture.failedFuture(unwrap(e)));
    }

    private CompletableFuture<Conversation> get(String name, int lane) {
        return Futures.of(clients.conversations(lane).getConversationCallable()
                .futureCall(GetConversationRequest.newBuilder().setName(name).build()));
    }

    /**
     * The first END_USER and the first HUMAN_AGENT, created when missing; a conversation this setup just created has
     * none, so they are created without listing.
     */
    private CompletableFuture<Participant[]> participants(String conversationName, boolean created, int lane) {
        if (created) {
            return bothOf(conversationName, ListParticipantsResponse.getDefaultInstance(), lane);
        }
        ListParticipantsRequest list = ListParticipantsRequest.newBuilder().setParent(conversationName)
                .setPageSize(100).build();
        return Futures.of(clients.participants(lane).listParticipantsCallable().futureCall(list))
                .thenCompose(listed -> bothOf(conversationName, listed, lane));
    }

    private CompletableFuture<Participant[]> bothOf(String conversationName, ListParticipantsResponse listed,
            int lane) {
        CompletableFuture<Participant> endUser = existingOrCreate(conversationName, listed, Participant.Role.END_USER,
                lane);
        CompletableFuture<Participant> agent = existingOrCreate(conversationName, listed,
                Participant.Role.HUMAN_AGENT, lane);
        return endUser.thenCombine(agent, (u, a) -> new Participant[] { u, a });
    }

    private CompletableFuture<Participant> existingOrCreate(String conversationName, ListParticipantsResponse listed,
            Participant.Role role, int lane) {
        Optional<Participant> existing = listed.getParticipantsList().stream().filter(p -> p.getRole() == role)
                .findFirst();
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        CreateParticipantRequest create = CreateParticipantRequest.newBuilder().setParent(conversationName)
                .setParticipant(Participant.newBuilder().setRole(role)).build();
        return Futures.of(clients.participants(lane).createParticipantCallable().futureCall(create));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
