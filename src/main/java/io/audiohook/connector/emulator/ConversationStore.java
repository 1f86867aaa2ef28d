package io.audiohook.connector.emulator;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.cloud.dialogflow.v2beta1.AudioEncoding;
import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.CreateConversationRequest;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.protobuf.Timestamp;

import io.grpc.Status;

/**
 * Conversations and their participants, in memory. One lock guards the maps: every operation is a
 * few map lookups, so contention stays negligible next to gRPC itself. Counters that streams update
 * on every audio chunk are atomics outside the lock.
 *
 * <p>Bounded: beyond {@code maxConversations} the oldest completed conversation is forgotten, with
 * its participants; when every held conversation is still active, creation is refused
 * ({@code RESOURCE_EXHAUSTED}) rather than silently dropping a live one.
 */
final class ConversationStore {
    static final int STREAMS_KEPT = 100;
    static final int MAX_PARTICIPANTS = 100;

    private static final Pattern PARENT = Pattern.compile("projects/[^/]+/locations/[^/]+");
    private static final Pattern CONVERSATION_ID = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{2,63}");
    private static final Pattern CONVERSATION_NAME = Pattern.compile("projects/[^/]+/locations/[^/]+/conversations/[^/]+");
    private static final Pattern PARTICIPANT_NAME = Pattern.compile("(" + CONVERSATION_NAME + ")/participants/[^/]+");

    private final String profileName;
    private final int maxConversations;
    private final Clock clock;
    private final LinkedHashMap<String, StoredConversation> conversations = new LinkedHashMap<>();
    private final Map<String, StoredParticipant> participants = new HashMap<>();
    private long created;

    ConversationStore(String profileName, int maxConversations, Clock clock) {
        this.profileName = profileName;
        this.maxConversations = maxConversations;
        this.clock = clock;
    }

    synchronized Conversation create(CreateConversationRequest request) {
        String parent = request.getParent();
        if (!PARENT.matcher(parent).matches()) {
            throw Errors.invalid("Parent must have the form projects/<project>/locations/<location>: '" + parent + "'");
        }
        String profile = request.getConversation().getConversationProfile();
        if (profile.isEmpty()) {
            throw Errors.invalid("Conversation profile is required.");
        }
        if (!profile.equals(profileName)) {
            throw Errors.notFound("Conversation profile", profile);
        }
        if (!profile.startsWith(parent + "/")) {
            throw Errors.invalid("Conversation profile " + profile + " is not in " + parent + ".");
        }
        String id = request.getConversationId();
        if (id.isEmpty()) {
            id = Ids.next();
        } else if (!CONVERSATION_ID.matcher(id).matches()) {
            throw Errors.invalid("Conversation id must match [a-zA-Z][a-zA-Z0-9_-]* and have 3 to 64 characters: '"
                    + id + "'");
        }
        String name = parent + "/conversations/" + id;
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
        conversation.completions++;
        if (conversation.state != Conversation.LifecycleState.COMPLETED) {
            conversation.state = Conversation.LifecycleState.COMPLETED;
            conversation.endTime = Protos.timestamp(clock.instant());
        }
        return conversation.toProto();
    }

    synchronized Participant addParticipant(String parent, Participant.Role role) {
        if (role == Participant.Role.ROLE_UNSPECIFIED || role == Participant.Role.UNRECOGNIZED) {
            throw Errors.invalid("Participant role is required.");
        }
        StoredConversation conversation = conversation(parent);
        if (conversation.state == Conversation.LifecycleState.COMPLETED) {
            throw Errors.conversationCompleted();
        }
        if (conversation.participants.size() >= MAX_PARTICIPANTS) {
            throw Errors.exhausted("Conversation " + parent + " has " + MAX_PARTICIPANTS + " participants already.");
        }
        String name = parent + "/participants/" + Ids.next();
        StoredParticipant participant = new StoredParticipant(name, role, conversation);
        conversation.participants.add(name);
        participants.put(name, participant);
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
        Matcher matcher = PARTICIPANT_NAME.matcher(name);
        if (!matcher.matches()) {
            throw Errors.invalid("Participant name must have the form "
                    + "projects/<project>/locations/<location>/conversations/<id>/participants/<id>: '" + name + "'");
        }
        StoredParticipant participant = participants.get(name);
        if (participant == null) {
            if (!conversations.containsKey(matcher.group(1))) {
                throw Errors.notFound("Conversation", matcher.group(1));
            }
            throw Errors.notFound("Participant", name);
        }
        return participant;
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
        StoredConversation conversation = conversations.get(name);
        if (conversation == null) {
            return Optional.empty();
        }
        return Optional.of(new ConversationStats(name, conversation.state, List.copyOf(conversation.participants),
                conversation.completions));
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
            if (!CONVERSATION_NAME.matcher(name).matches()) {
                throw Errors.invalid("Conversation name must have the form "
                        + "projects/<project>/locations/<location>/conversations/<id>: '" + name + "'");
            }
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
            if (candidate.state == Conversation.LifecycleState.COMPLETED) {
                oldestFirst.remove();
                candidate.participants.forEach(participants::remove);
                return;
            }
        }
        throw Errors.exhausted("The emulator holds " + maxConversations
                + " active conversations; complete some before creating more.");
    }

    /** A conversation; fields other than the counters are guarded by the store's lock. */
    static final class StoredConversation {
        final String name;
        final String profile;
        final Conversation.ConversationStage stage;
        final Timestamp startTime;
        final List<String> participants = new ArrayList<>();
        final Map<Participant.Role, AtomicInteger> finalizedByRole = new EnumMap<>(Participant.Role.class);
        /** One handler per open stream, removed when the stream ends; run once the conversation is completed. */
        final Set<Runnable> whenCompleted = ConcurrentHashMap.newKeySet();
        volatile Conversation.LifecycleState state = Conversation.LifecycleState.IN_PROGRESS;
        Timestamp endTime;
        int completions;

        StoredConversation(String name, String profile, Conversation.ConversationStage stage, Timestamp startTime) {
            this.name = name;
            this.profile = profile;
            this.stage = stage;
            this.startTime = startTime;
            for (Participant.Role role : Participant.Role.values()) {
                if (role != Participant.Role.UNRECOGNIZED) {
                    finalizedByRole.put(role, new AtomicInteger());
                }
            }
        }

        boolean isCompleted() {
            return state == Conversation.LifecycleState.COMPLETED;
        }

        /** Utterances of this role finalized so far, across all streams: the next one gets this script line. */
        AtomicInteger finalized(Participant.Role role) {
            return finalizedByRole.get(role);
        }

        Conversation toProto() {
            Conversation.Builder builder = Conversation.newBuilder().setName(name).setLifecycleState(state)
                    .setConversationProfile(profile).setConversationStage(stage).setStartTime(startTime);
            if (endTime != null) {
                builder.setEndTime(endTime);
            }
            return builder.build();
        }
    }

    /** A participant with the counters tests compare against what a client sent. */
    static final class StoredParticipant {
        final String name;
        final Participant.Role role;
        final StoredConversation conversation;
        private final AtomicInteger streamsOpened = new AtomicInteger();
        private final AtomicLong audioBytes = new AtomicLong();
        private final AtomicInteger utterances = new AtomicInteger();
        private final Deque<StreamRecord> streams = new ArrayDeque<>();

        StoredParticipant(String name, Participant.Role role, StoredConversation conversation) {
            this.name = name;
            this.role = role;
            this.conversation = conversation;
        }

        Participant toProto() {
            return Participant.newBuilder().setName(name).setRole(role).build();
        }

        StreamRecord openStream(long number, String language, String model, AudioEncoding encoding) {
            streamsOpened.incrementAndGet();
            StreamRecord stream = new StreamRecord(this, number, language, model, encoding);
            synchronized (streams) {
                if (streams.size() >= STREAMS_KEPT) {
                    streams.removeFirst();
                }
                streams.addLast(stream);
            }
            return stream;
        }

        ParticipantStats stats() {
            List<StreamStats> list;
            synchronized (streams) {
                list = streams.stream().map(StreamRecord::stats).toList();
            }
            return new ParticipantStats(name, role, conversation.name, streamsOpened.get(), audioBytes.get(),
                    utterances.get(), list);
        }
    }

    /** Counters of one stream; written by that stream only, read by tests at any time. */
    static final class StreamRecord {
        private final StoredParticipant participant;
        private final long number;
        private final String language;
        private final String model;
        private final AudioEncoding encoding;
        private final AtomicLong audioBytes = new AtomicLong();
        private final AtomicInteger utterances = new AtomicInteger();
        private volatile Status.Code outcome;

        StreamRecord(StoredParticipant participant, long number, String language, String model,
                AudioEncoding encoding) {
            this.participant = participant;
            this.number = number;
            this.language = language;
            this.model = model;
            this.encoding = encoding;
        }

        void audio(int bytes) {
            audioBytes.addAndGet(bytes);
            participant.audioBytes.addAndGet(bytes);
        }

        void utteranceFinalized() {
            utterances.incrementAndGet();
            participant.utterances.incrementAndGet();
            participant.conversation.finalized(participant.role).incrementAndGet();
        }

        void ended(Status.Code code) {
            if (outcome == null) {
                outcome = code;
            }
        }

        StreamStats stats() {
            return new StreamStats(number, language, model, encoding, audioBytes.get(), utterances.get(), outcome);
        }
    }
}
