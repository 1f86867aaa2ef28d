package io.audiohook.connector.publish;

/**
 * What one conversation still has to write: envelopes for the UI connector (they wait for a desktop to join)
 * and transcript records (utterances, suggestions, summaries: they only wait for Redis). Exists only while something is pending; guarded by itself.
 */
final class ConversationOutbox {
    /** The conversation name without location: the UI connector's key and room. */
    final String key;
    final Lane<PendingEvent> events = new Lane<>();
    final Lane<TranscriptRecord> transcript = new Lane<>();
    /** The last publish found no key: wait for the shared poll to see it before trying again. */
    boolean awaitingDesktop;
    /** Removed from the map; a producer that still holds it must look again. */
    boolean retired;

    ConversationOutbox(String key) {
        this.key = key;
    }

    boolean isIdle() {
        return events.isIdle() && transcript.isIdle();
    }
}
