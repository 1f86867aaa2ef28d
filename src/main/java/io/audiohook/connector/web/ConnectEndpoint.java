package io.audiohook.connector.web;

import io.quarkus.websockets.next.WebSocket;

/** The path of Google's Python connector, so Genesys integrations switch by changing only the host. */
@WebSocket(path = "/connect")
public class ConnectEndpoint extends AudioHookSocket {
}
