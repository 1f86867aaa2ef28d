/**
 * One call: {@link io.audiohook.connector.call.CallSession} turns the protocol's events into per-channel audio on
 * the stream time base and hands them to the backend's {@link io.audiohook.connector.call.CallListener} (Agent
 * Assist, the recorder). Connection probes stop here. Plain Java: no framework, driven by the session's thread.
 */
package io.audiohook.connector.call;
