package io.audiohook.connector.publish;

import java.util.Locale;

/** Why an event or transcript line never reached Redis. */
public enum DropReason {
    /** Waited longer than {@code outbox.max-age} for a desktop (or for Redis). */
    AGE,
    /** Its conversation already had {@code outbox.max-events} newer ones waiting (a batch out to Redis not counted). */
    COUNT,
    /** {@code outbox.max-conversations} other conversations were waiting. */
    CONVERSATIONS,
    /** All waiting events together reached {@code outbox.max-bytes}. */
    MEMORY,
    /** A transcript line beyond {@code transcript.max-pending} while Redis was unreachable. */
    TRANSCRIPT,
    /** Could not be rendered (a bug; logged). */
    RENDER;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
