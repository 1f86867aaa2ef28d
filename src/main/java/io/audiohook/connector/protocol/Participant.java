package io.audiohook.connector.protocol;

/** The caller as Genesys describes it. ANI, name and DNIS are personal data: never printed. */
public record Participant(String id, String ani, String aniName, String dnis) {

    @Override
    public String toString() {
        return "Participant[id=" + id + ", ani=<redacted>, aniName=<redacted>, dnis=<redacted>]";
    }
}
