package io.audiohook.connector.web;

import java.util.Optional;
import java.util.Set;

import io.audiohook.connector.protocol.ProtocolViolation;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * A client sent more than a connection takes (pings, messages): a policy violation (1008) whose message is the
 * session's {@code disconnect} info. Netty's decoder never fails with 1008, so a 1008 failure is always one of these.
 */
final class ClientFlood {
    private static final Set<String> INFOS = Set.of(ProtocolViolation.TOO_MANY_PINGS,
            ProtocolViolation.TOO_MANY_MESSAGES);

    private ClientFlood() {
    }

    /** @param info a {@link ProtocolViolation} text: {@code TOO_MANY_PINGS} or {@code TOO_MANY_MESSAGES} */
    static CorruptedWebSocketFrameException of(String info) {
        return new CorruptedWebSocketFrameException(WebSocketCloseStatus.POLICY_VIOLATION, info);
    }

    /** The info of a failure made by {@link #of}; empty for any other. */
    static Optional<String> info(CorruptedWebSocketFrameException failure) {
        return failure.closeStatus().code() == WebSocketCloseStatus.POLICY_VIOLATION.code()
                && INFOS.contains(failure.getMessage()) ? Optional.of(failure.getMessage()) : Optional.empty();
    }
}
