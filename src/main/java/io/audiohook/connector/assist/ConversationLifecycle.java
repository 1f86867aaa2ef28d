package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.ConversationEvent;

/** The conversation was created by us ({@code CONVERSATION_STARTED}) or completed by us ({@code CONVERSATION_FINISHED}). */
public record ConversationLifecycle(String conversationName, ConversationEvent.Type type, long receivedNanos)
        implements AssistEvent {
}
