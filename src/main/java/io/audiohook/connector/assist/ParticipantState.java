package io.audiohook.connector.assist;

/** Where a {@link ParticipantStream} is in its life. */
enum ParticipantState {
    /** The conversation or the participant does not exist yet; audio waits. */
    WAITING_SETUP,
    /** A stream is about to open (on the timer); audio waits. */
    OPENING,
    STREAMING,
    /** AudioHook paused: no stream, so Dialogflow never sees an idle one. */
    PAUSED,
    /** Waiting to reopen after an error, a stall or a quota refusal; audio waits. */
    RESTARTING,
    /** For good: the call ended, setup failed, or Dialogflow refused in a way a retry cannot fix. */
    STOPPED
}
