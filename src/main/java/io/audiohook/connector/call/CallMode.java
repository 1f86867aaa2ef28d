package io.audiohook.connector.call;

import java.util.Optional;

/** Which Genesys integration a call serves; the path it came on says it, the call's {@code customConfig} may too. */
public enum CallMode {
    /** AudioHook Monitor: Genesys ignores what the server sends back; results go to the agent desktop. */
    MONITOR("monitor"),
    /** Transcription Connector: recognition results also go back to Genesys as {@code transcript} events. */
    TRANSCRIPTION("transcription");

    private final String wireName;

    CallMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CallMode> fromWire(String name) {
        for (CallMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
