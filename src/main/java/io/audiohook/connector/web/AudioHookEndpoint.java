package io.audiohook.connector.web;

import io.quarkus.websockets.next.WebSocket;

/** The connector's own AudioHook path. */
@WebSocket(path = "/audiohook/ws")
public class AudioHookEndpoint extends AudioHookSocket {
}
