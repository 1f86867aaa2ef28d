package io.audiohook.connector.assist;

/**
 * What this layer learns from Agent Assist, in the order it learnt it. Payloads are Dialogflow's own v2beta1
 * messages so that a publisher can render them exactly as Dialogflow's Pub/Sub notifications would.
 */
public sealed interface AssistEvent permits ConversationLifecycle, RecognitionResult, NewMessage, Suggestions,
        ConversationSummary {

    /** Full conversation name, with its location: {@code projects/<p>/locations/<l>/conversations/<id>}. */
    String conversationName();

    /** {@link System#nanoTime()} when the response or outcome that caused this event arrived. */
    long receivedNanos();
}
