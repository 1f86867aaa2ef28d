/**
 * Agent Assist behind the call seam: {@link io.audiohook.connector.assist.AssistCallFactory} is a
 * {@link io.audiohook.connector.session.CallListenerFactory} that turns each AudioHook call into a Dialogflow
 * v2beta1 conversation with an END_USER and a HUMAN_AGENT participant, and streams each negotiated channel to
 * its participant ({@link io.audiohook.connector.assist.ParticipantStream}). What Dialogflow answers leaves as
 * {@link io.audiohook.connector.assist.AssistEvent}s through an {@link io.audiohook.connector.assist.AssistEventSink}.
 *
 * <p>
 * Threads: the session's event loop delivers audio and protocol events; gRPC threads deliver responses; one
 * shared two-thread scheduler runs every timer (pacing, reopening, grace) and starts each setup. Nothing here
 * blocks; every buffer is bounded and every drop is counted in {@link io.audiohook.connector.assist.ParticipantCounters}.
 *
 * <p>
 * Framework-free: Quarkus wiring lives in {@code web.AssistBackend}.
 */
package io.audiohook.connector.assist;
