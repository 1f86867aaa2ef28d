package io.audiohook.connector.emulator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsRequest;
import com.google.cloud.dialogflow.v2beta1.GenerateSuggestionsResponse;
import com.google.cloud.dialogflow.v2beta1.Generator;
import com.google.cloud.dialogflow.v2beta1.HumanAgentAssistantConfig.ConversationModelConfig;
import com.google.cloud.dialogflow.v2beta1.Message;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryRequest;
import com.google.cloud.dialogflow.v2beta1.SuggestConversationSummaryResponse;
import com.google.cloud.dialogflow.v2beta1.TriggerEvent;

import io.grpc.Status;

/**
 * Conversations.SuggestConversationSummary and GenerateSuggestions: a conversation's summary, or its generators'
 * suggestions, from the messages it kept, as its own profile configures them. Whether Dialogflow summarizes a
 * completed conversation is not documented; the emulator, stricter, refuses ({@code FAILED_PRECONDITION}), so a
 * client that completes a conversation before it asks for its summary finds out here.
 */
final class Summaries {
    /** SuggestConversationSummaryRequest.context_size: "By default 500 and at most 1000." */
    static final int DEFAULT_CONTEXT = 500;
    static final int MAX_CONTEXT = ConversationMessages.MAX_MESSAGES;

    private final ConversationStore store;
    private final AssistProfiles profiles;
    private final Knowledge knowledge;

    Summaries(ConversationStore store, AssistProfiles profiles, Knowledge knowledge) {
        this.store = store;
        this.profiles = profiles;
        this.knowledge = knowledge;
    }

    SuggestConversationSummaryResponse summarize(SuggestConversationSummaryRequest request) {
        StoredConversation conversation = store.find(request.getConversation());
        refuseCompleted(conversation);
        AssistProfile profile = profiles.of(conversation.profile);
        AssistProfile.Feature feature = profile.forAgent().feature(FeatureKind.CONVERSATION_SUMMARIZATION)
                .orElseThrow(() -> Status.FAILED_PRECONDITION.withDescription("Conversation profile " + profile.name()
                        + " has no CONVERSATION_SUMMARIZATION feature in its human agent suggestion config.")
                        .asRuntimeException());
        int size = request.getContextSize();
        if (size < 0 || size > MAX_CONTEXT) {
            throw Errors.invalid("context_size must be within 1 and " + MAX_CONTEXT + " (0: " + DEFAULT_CONTEXT
                    + "): " + size);
        }
        List<Message> context = context(conversation, request.getLatestMessage(), size == 0 ? DEFAULT_CONTEXT : size);
        Map<String, String> sections = SummarySections.write(
                SummarySections.of(feature.config().getQueryConfig().getSections()), context, knowledge);
        ConversationModelConfig model = feature.config().getConversationModelConfig();
        return SuggestConversationSummaryResponse.newBuilder()
                .setSummary(SuggestConversationSummaryResponse.Summary.newBuilder()
                        .setText(SummarySections.text(sections))
                        .putAllTextSections(sections)
                        .setAnswerRecord(ResourceNames.newAnswerRecord(ResourceNames.locationOf(conversation.name)))
                        // "empty if a baseline model was not used": a custom model wins over the baseline
                        .setBaselineModelVersion(model.getModel().isEmpty() ? model.getBaselineModelVersion() : ""))
                .setLatestMessage(context.get(context.size() - 1).getName())
                .setContextSize(context.size())
                .build();
    }

    /**
     * "Only generators configured in the conversation_profile whose trigger_event is listed here will be
     * triggered": an empty list would trigger none, which the emulator refuses rather than answer nothing.
     */
    GenerateSuggestionsResponse generate(GenerateSuggestionsRequest request) {
        StoredConversation conversation = store.find(request.getConversation());
        refuseCompleted(conversation);
        AssistProfile profile = profiles.of(conversation.profile);
        List<Generator> generators = profile.generators();
        if (generators.isEmpty()) {
            throw Status.FAILED_PRECONDITION.withDescription("Conversation profile " + profile.name()
                    + " has no generators; the conversation must be created with a conversation profile which has "
                    + "generators configured in it.").asRuntimeException();
        }
        if (request.getTriggerEventsCount() == 0) {
            throw Errors.invalid("trigger_events is empty: no generator would be triggered.");
        }
        EnumSet<TriggerEvent> events = EnumSet.noneOf(TriggerEvent.class);
        request.getTriggerEventsList().stream().filter(e -> e != TriggerEvent.UNRECOGNIZED).forEach(events::add);
        List<Message> context = context(conversation, request.getLatestMessage(), MAX_CONTEXT);
        return GeneratorSuggestions.generate(generators, events, context, knowledge,
                ResourceNames.locationOf(conversation.name));
    }

    private static List<Message> context(StoredConversation conversation, String latest, int size) {
        if (!latest.isEmpty() && !latest.startsWith(conversation.name + "/messages/")) {
            throw Errors.invalid("latest_message " + latest + " is not a message of " + conversation.name + ".");
        }
        List<Message> context = conversation.messages.context(latest, size);
        if (context.isEmpty()) {
            throw Status.FAILED_PRECONDITION.withDescription("Conversation " + conversation.name
                    + " has no messages yet.").asRuntimeException();
        }
        return context;
    }

    private static void refuseCompleted(StoredConversation conversation) {
        if (conversation.isCompleted()) {
            throw Status.FAILED_PRECONDITION.withDescription("Conversation " + conversation.name
                    + " has completed; the emulator does not summarize a completed conversation (Dialogflow's "
                    + "behaviour is not documented).").asRuntimeException();
        }
    }
}
