/**
 * Genesys' Transcription Connector: recognition results of a call go back to Genesys as AudioHook {@code event}
 * messages with one {@code transcript} entity each, placed on the AudioHook stream timeline, paced by a token
 * bucket, and never after {@code closed}. Plain Java: the session, the clock and the timers are passed in.
 */
package io.audiohook.connector.transcript;
