package io.audiohook.connector.call;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.audiohook.connector.protocol.DisconnectReason;

/** What a backend may ask of the AudioHook session it serves. Every method is safe from any thread. */
public interface CallControl {

    boolean sendEvent(List<? extends JsonNode> entities);

    boolean pause();

    boolean resume();

    boolean disconnect(DisconnectReason reason, Optional<String> info);
}
