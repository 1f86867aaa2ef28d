package io.audiohook.connector.protocol;

public enum DisconnectReason {
    COMPLETED("completed"),
    UNAUTHORIZED("unauthorized"),
    ERROR("error");

    private final String wireName;

    DisconnectReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
