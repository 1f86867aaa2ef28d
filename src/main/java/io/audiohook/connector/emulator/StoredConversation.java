package io.audiohook.connector.emulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.cloud.dialogflow.v2beta1.Conversation;
import com.google.cloud.dialogflow.v2beta1.Participant;
import com.google.protobuf.Timestamp;

/**
 * One conversation as the emulator holds it: its lifecycle, the names of its participants, the handlers that
 * end its open streams when it completes, how many utterances of each role were finalized across them, the
 * messages they became and the last query knowledge assist suggested to each participant role.
 *
 * <p>The participant list, end time and completion count are guarded by {@link ConversationStore}'s lock.
 * Streams read the state without that lock (it is volatile) and update the per-role counters (atomics) and
 * the handler set (concurrent) from their own threads.
 */
final class StoredConversation {
    final String name;
    final String profile;
    final Conversation.ConversationStage stage;
    final Timestamp startTime;
    final List<String> participants = new ArrayList<>();
    /** One handler per open stream, removed when the stream ends; run once the conversation is completed. */
    final Set<Runnable> whenCompleted = ConcurrentHashMap.newKeySet();
    final ConversationMessages messages = new ConversationMessages();
    /** Per role the suggestions are for: "Suggestion is made only if it is different from the previous suggestion." */
    private final Map<Participant.Role, String> suggestedQueries = new ConcurrentHashMap<>();
    private final Map<Participant.Role, AtomicInteger> finalizedByRole = new EnumMap<>(Participant.Role.class);
    private volatile Conversation.LifecycleState state = Conversation.LifecycleState.IN_PROGRESS;
    private Timestamp endTime;
    private int completions;

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

    /** Idempotent, as Dialogflow's CompleteConversation: only the first call ends it; every call is counted. */
    void complete(Timestamp now) {
        completions++;
        if (!isCompleted()) {
            state = Conversation.LifecycleState.COMPLETED;
            endTime = now;
        }
    }

    /** Utterances of this role finalized so far, across all streams: the next one gets this script line. */
    AtomicInteger finalized(Participant.Role role) {
        return finalizedByRole.get(role);
    }

    /** Whether {@code query} differs from the last one suggested to {@code target}; it is the last one from now on. */
    boolean newSuggestedQuery(Participant.Role target, String query) {
        return !query.equals(suggestedQueries.put(target, query));
    }

    ConversationStats stats() {
        return new ConversationStats(name, profile, state, List.copyOf(participants), completions);
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
