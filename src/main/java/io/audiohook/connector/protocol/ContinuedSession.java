package io.audiohook.connector.protocol;

/** A previous session this one replaces ({@code open.continuedSessions}); parsed, not acted upon. */
public record ContinuedSession(String id, long serverseq, long clientseq) {
}
