package io.audiohook.connector.assist;

import com.google.cloud.dialogflow.v2beta1.Message;

/** A finalised utterance as Dialogflow stored it, with sentiment when the profile enables it. */
public record NewMessage(String conversationName, Message message, long receivedNanos) implements AssistEvent {
}
