package io.audiohook.connector.assist;

/**
 * Where events go. Called on gRPC callback threads and timers: implementations must return at once and must
 * never throw for a full queue; they drop and count instead.
 */
@FunctionalInterface
public interface AssistEventSink {

    void accept(AssistEvent event);
}
