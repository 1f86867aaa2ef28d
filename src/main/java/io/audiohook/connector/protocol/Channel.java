package io.audiohook.connector.protocol;

import java.util.Optional;

/**
 * {@code external} is the party outside the contact centre (the customer), {@code internal} the Genesys
 * side (agent, IVR). Which interleaved slot carries which is decided by the negotiated media only.
 */
public enum Channel {
    EXTERNAL("external"),
    INTERNAL("internal");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Channel> fromWire(String name) {
        for (Channel c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
