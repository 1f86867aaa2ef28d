package io.audiohook.connector.client;

/** open.parameters.participant; Genesys sends all four fields, empty strings when unknown. */
public record Participant(String id, String ani, String aniName, String dnis) {

    public static final String NULL_UUID = "00000000-0000-0000-0000-000000000000";

    /** The anonymous participant of a connection probe. */
    public static Participant probe() {
        return new Participant(NULL_UUID, "", "", "");
    }
}
