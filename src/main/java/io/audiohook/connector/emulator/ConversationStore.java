package io.audiohook.connector.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.Participant;

/**
 * Conversations and their participants, in memory: the registry that creates, finds, completes and evicts
 * them ({@link StoredConversation} and {@link StoredParticipant} hold the state of each). One lock guards the
 * maps: every operation is a few map lookups, so contention stays negligible next to gRPC itself. Counters
 * that streams update on every audio chunk are atomics outside the lock.
 *
 * <p>Bounded: beyond {@code maxConversations} the oldest completed conversation is forgotten, with
 * its participants; when every held conversation is still active, creation is refused
 * ({@code RESOURCE_EXHAUSTED}) rather than silently dropping a live one.
 */
final class ConversationStore {
    static final int MAX_PARTICIPANTS = 100;

    private final Set<String> profileNames;
    private final int maxConversations;
    private final Clock clock;
    private final LinkedHashMap<String, StoredConversation> conversations = new LinkedHashMap<>();
    private final Map<String, StoredParticipant> participants = new HashMap<>();
    private final ConversationJournal journal;
    private long created;

    /** @param profileNames the profiles conversations may be created with */
    ConversationStore(Set<String> profileNames, int maxConversations, Clock clock) {
        this(profileNames, maxConversations, clock, Optional.empty());
    }

    /** @param journal where conversations are kept across restarts of the emulator, if anywhere */
    ConversationStore(Set<String> profileNames, int maxConversations, Clock clock, Optional<Path> journal) {
        this.profileNames = Set.copyOf(profileNames);
        this.maxConversations = maxConversations;
        this.clock = clock;
        this.journal = ConversationJournal.open(journal, new Restore());
    }

    /** Rebuilds what the journal kept, before the store serves anything. */
    private final class Restore implements ConversationJournal.Replay {
        @Override
        public void conversation(String name, String profile, String stage, long startMillis) {
            conversations.put(name, new StoredConversation(name, profile, Conversation.ConversationStage.valueOf(stage),
                    Protos.timestamp(Instant.ofEpochMilli(startMillis))));
        }

        @Override
        public void participant(String name, String role) {
            StoredConversation conversation = conversations.get(ResourceNames.conversationOf(name));
            if (conversation != null) {
                conversation.participants.add(name);
                participants.put(name, new StoredParticipant(name, Participant.Role.valueOf(role), conversation));
            }
        }

        @Override
        public void completed(String name, long endMillis) {
            StoredConversation conversation = conversations.get(name);
            if (conversation != null) {
                conversation.complete(Protos.timestamp(Instant.ofEpochMilli(endMillis)));
            }
        }
    }

    synchronized Conversation create(CreateConversationRequest request) {
        String parent = request.getParent();
        ResourceNames.checkParent(parent);
        String profile = request.getConversation().getConversationProfile();
        if (profile.isEmpty()) {
            throw Errors.invalid("Conversation profile is required.");
        }
        if (!profileNames.contains(profile)) {
            throw Errors.notFound("Conversation profile", profile);
        }
        if (!profile.startsWith(parent + "/")) {
            throw Errors.invalid("Conversation profile " + profile + " is not in " + parent + ".");
        }
        String name = ResourceNames.newConversation(parent, request.getConversationId());
        if (conversations.containsKey(name)) {
            throw Errors.alreadyExists(name);
        }
        makeRoom();
        Conversation.ConversationStage stage = request.getConversation().getConversationStage();
        if (stage == Conversation.ConversationStage.CONVERSATION_STAGE_UNSPECIFIED
                || stage == Conversation.ConversationStage.UNRECOGNIZED) {
            stage = Conversation.ConversationStage.HUMAN_ASSIST_STAGE;
        }
        StoredConversation stored = new StoredConversation(name, profile, stage, Protos.timestamp(clock.instant()));
        conversations.put(name, stored);
        created++;
        journal.conversation(name, profile, stage.name(), clock.millis());
        return stored.toProto();
    }

    synchronized Conversation get(String name) {
        return conversation(name).toProto();
    }

    /**
     * Idempotent, as Dialogflow's: completing a completed conversation answers it unchanged. Streams still open
     * for it are ended by the caller, outside this lock (see {@link StoredConversation#whenCompleted}).
     */
    synchronized Conversation complete(String name) {
        StoredConversation conversation = conversation(name);
        if (!conversation.isCompleted()) {
            journal.completed(name, clock.millis());
        }
        conversation.complete(Protos.timestamp(clock.instant()));
        return conversation.toProto();
    }

    synchronized Participant addParticipant(String parent, Participant.Role role) {
        if (role == Participant.Role.ROLE_UNSPECIFIED || role == Participant.Role.UNRECOGNIZED) {
            throw Errors.invalid("Participant role is required.");
        }
        StoredConversation conversation = conversation(parent);
        if (conversation.isCompleted()) {
            throw Errors.conversationCompleted();
        }
        if (conversation.participants.size() >= MAX_PARTICIPANTS) {
            throw Errors.exhausted("Conversation " + parent + " has " + MAX_PARTICIPANTS + " participants already.");
        }
        String name = ResourceNames.newParticipant(parent);
        StoredParticipant participant = new StoredParticipant(name, role, conversation);
        conversation.participants.add(name);
        participants.put(name, participant);
        journal.participant(name, role.name());
        return participant.toProto();
    }

    synchronized List<Participant> participants(String conversationName) {
        StoredConversation conversation = conversation(conversationName);
        List<Participant> list = new ArrayList<>(conversation.participants.size());
        for (String name : conversation.participants) {
            list.add(participants.get(name).toProto());
        }
        return list;
    }

    /** The participant a stream is for; INVALID_ARGUMENT for a malformed name, NOT_FOUND for an unknown one. */
    synchronized StoredParticipant participant(String name) {
        String conversationName = ResourceNames.conversationOf(name);
        StoredParticipant participant = participants.get(name);
        if (participant == null) {
            if (!conversations.containsKey(conversationName)) {
                throw Errors.notFound("Conversation", conversationName);
            }
            throw Errors.notFound("Participant", name);
        }
        return participant;
    }

    /** A conversation, completed or not; INVALID_ARGUMENT for a malformed name, NOT_FOUND for an unknown one. */
    synchronized StoredConversation find(String name) {
        return conversation(name);
    }

    /** What must happen now that the conversation is completed: its open streams end. */
    List<Runnable> completionHandlers(String name) {
        StoredConversation conversation;
        synchronized (this) {
            conversation = conversations.get(name);
        }
        return conversation == null || !conversation.isCompleted() ? List.of() : List.copyOf(conversation.whenCompleted);
    }

    synchronized Optional<ParticipantStats> participantStats(String name) {
        return Optional.ofNullable(participants.get(name)).map(StoredParticipant::stats);
    }

    synchronized Optional<ConversationStats> conversationStats(String name) {
        return Optional.ofNullable(conversations.get(name)).map(StoredConversation::stats);
    }

    synchronized long conversationsCreated() {
        return created;
    }

    synchronized int conversationsHeld() {
        return conversations.size();
    }

    synchronized void clear() {
        conversations.clear();
        participants.clear();
        created = 0;
    }

    private StoredConversation conversation(String name) {
        StoredConversation conversation = conversations.get(name);
        if (conversation == null) {
            ResourceNames.checkConversation(name);
            throw Errors.notFound("Conversation", name);
        }
        return conversation;
    }

    private void makeRoom() {
        if (conversations.size() < maxConversations) {
            return;
        }
        Iterator<StoredConversation> oldestFirst = conversations.values().iterator();
        while (oldestFirst.hasNext()) {
            StoredConversation candidate = oldestFirst.next();
            if (candidate.isCompleted()) {
                oldestFirst.remove();
                candidate.participants.forEach(participants::remove);
                return;
            }
        }
        throw Errors.exhausted("The emulator holds " + maxConversations
                + " active conversations; complete some before creating more.");
    }
}
