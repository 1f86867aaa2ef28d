package io.audiohook.connector.emulator;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Conversation;

/** A conversation as the emulator holds it (with the profile it was created with); {@code completions} counts every CompleteConversation call. */
public record ConversationStats(String name, String profile, Conversation.LifecycleState state, List<String> participants,
        int completions) {
}
