package io.audiohook.connector.bench;

import java.io.IOException;
import java.time.Duration;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.RawWebSocket;
import io.audiohook.connector.client.SessionConfig;

/** One opened session that sends WebSocket pings as fast as the socket takes them until the server closes it. */
final class PingFlood {
    private PingFlood() {
    }

    /** {pongs received, the close code (-1: none), ms from the first ping until the connection ended}. */
    static long[] run(SessionConfig config, int pings) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(config)) {
            ws.sendText(AudioHookClient.openMessage(config));
            ws.next(Duration.ofSeconds(30)); // opened
            long started = System.nanoTime();
            try {
                for (int i = 0; i < pings; i++) {
                    ws.send(true, RawWebSocket.PING, new byte[125]);
                }
            } catch (IOException closedByTheServer) {
                // the flood was cut off
            }
            long pongs = 0;
            long code = -1;
            for (RawWebSocket.Frame frame : ws.untilClosed(Duration.ofSeconds(60))) {
                pongs += frame.opcode() == RawWebSocket.PONG ? 1 : 0;
                code = frame.opcode() == RawWebSocket.CLOSE ? frame.closeCode() : code;
            }
            return new long[] {pongs, code, (System.nanoTime() - started) / 1_000_000};
        }
    }
}
