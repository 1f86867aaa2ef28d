package io.audiohook.connector.publish;

/** The four {@code data_type}s the UI modules listen for; they become socket.io event names. */
public enum DataType {
    NEW_RECOGNITION_RESULT("new-recognition-result-notification-event"),
    NEW_MESSAGE("new-message-event"),
    HUMAN_AGENT_ASSISTANT("human-agent-assistant-event"),
    CONVERSATION_LIFECYCLE("conversation-lifecycle-event");

    private final String wire;

    DataType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
