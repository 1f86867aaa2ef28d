package io.audiohook.connector.assist;

/**
 * The language of a participant's streams: the one the next stream opens with, and the one that takes over once
 * the audio from before a change has ended its stream (the pending cut). Not thread-safe: its
 * {@link ParticipantStream}'s monitor guards it.
 */
final class ParticipantLanguage {
    private String current;
    private String afterCut;

    /** The language of the next stream; null before setup. */
    String current() {
        return current;
    }

    /** Setup is done: the call's or the profile's language, unless Genesys changed it meanwhile. */
    void setUp(String language) {
        if (current == null) {
            current = language;
        }
    }

    /** Genesys changed it; with {@code atCut}, only once the audio from before the change has gone. */
    void changed(String language, boolean atCut) {
        if (atCut) {
            afterCut = language;
        } else {
            current = language;
        }
    }

    /** Dialogflow refused it: the profile's from now on. */
    void fallBack(String profileLanguage) {
        current = profileLanguage;
    }

    /** The audio before the cut went. */
    void cutPassed() {
        if (afterCut != null) {
            current = afterCut;
            afterCut = null;
        }
    }
}
