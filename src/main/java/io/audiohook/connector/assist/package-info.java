/**
 * Agent Assist behind the call seam: {@link io.audiohook.connector.assist.AssistCallFactory} is a
 * {@link io.audiohook.connector.call.CallListenerFactory} that turns each AudioHook call into a Dialogflow
 * v2beta1 conversation with an END_USER and a HUMAN_AGENT participant, and streams each negotiated channel to
 * its participant ({@link io.audiohook.connector.assist.ParticipantStream}). What Dialogflow answers leaves as
 * {@link io.audiohook.connector.assist.AssistEvent}s through an {@link io.audiohook.connector.assist.AssistEventSink}.
 *
 * <p>
 * Faithful to the real service: streams go over a {@link io.audiohook.connector.assist.ChannelPool} of gRPC
 * channels (at most 40 streams per HTTP/2 connection by default; Google's front ends take about 100), a call's unary
 * requests over a channel of their own; a stream that never becomes ready is counted and moved; quota and credential
 * refusals are retried all call long with the audio kept (bounded); a refused language falls back to the
 * profile's; only refusals a retry cannot fix stop a participant ({@link io.audiohook.connector.assist.StreamFailure}).
 * In production every call carries the tokens of {@link io.audiohook.connector.assist.DialogflowCredentials}.
 *
 * <p>
 * Threads: the session's event loop delivers audio and protocol events, writes its streams' requests and reads and
 * handles their responses ({@link io.audiohook.connector.assist.StreamLoops}), and reads and handles the answers to
 * its unary requests (setup, summary, completion); gRPC's own threads only those of the profile and generator
 * lookups; one shared two-thread scheduler ({@link io.audiohook.connector.assist.Timers}) runs every timer
 * (pacing, opening streams, reopening, grace) and starts each setup, so no event loop ever builds a call or a
 * channel; gax's own timers share one more thread; the credentials lookup one more. Nothing here blocks; every
 * buffer is bounded and every drop is counted in {@link io.audiohook.connector.assist.ParticipantCounters}.
 *
 * <p>
 * Framework-free: it is assembled in {@code app.AgentAssist}, wired in {@code app.Wiring}.
 */
package io.audiohook.connector.assist;
