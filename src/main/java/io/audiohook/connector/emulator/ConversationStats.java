package io.audiohook.connector.emulator;

import java.util.List;

import com.google.cloud.dialogflow.v2beta1.Conversation;

/** A conversation as the emulator holds it; {@code completions} counts every CompleteConversation call. */
public record ConversationStats(String name, Conversation.LifecycleState state, List<String> participants,
        int completions) {
}
