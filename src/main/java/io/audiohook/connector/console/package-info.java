/**
 * The live console's model: what each call of this instance is doing, as the people who run the service want to see
 * it (state, audio levels, Dialogflow's streams, the transcript as it is recognised, suggestions, protocol events),
 * and the viewers that watch it. Plain Java: the web adapter serves it, the wiring feeds it; nothing here blocks,
 * every queue is bounded, and a slow or gone viewer costs a call nothing (its messages are dropped and counted).
 * Caller numbers and names never reach it: calls are known by their ids ({@link io.audiohook.connector.call.CallInfo}).
 */
package io.audiohook.connector.console;
