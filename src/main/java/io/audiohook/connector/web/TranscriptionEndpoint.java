package io.audiohook.connector.web;

import io.quarkus.websockets.next.WebSocket;

/**
 * The path for Genesys' Transcription Connector integration: the same authentication and protocol as
 * {@code /audiohook/ws}, and recognition results also go back to Genesys as {@code transcript} events.
 */
@WebSocket(path = TranscriptionEndpoint.PATH)
public class TranscriptionEndpoint extends AudioHookSocket {
    public static final String PATH = "/audiohook/transcription";
}
