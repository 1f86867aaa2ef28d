package io.audiohook.connector.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What viewers are sent, as JSON text: each message has a {@code type} ({@code calls}, {@code call},
 * {@code entry}, {@code interim}, {@code resync}, {@code full}) and is rendered once, whatever the number of viewers.
 */
public final class ConsoleMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleMessages() {
    }

    /** Every call's state: sent on each tick. */
    public static String calls(String instance, List<CallSummary> calls, int viewers) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "calls");
        message.put("instance", instance);
        message.put("viewers", viewers);
        message.put("calls", calls);
        return write(message);
    }

    /** One call's time line so far and what its participants are saying now: when a viewer selects it. */
    public static String call(BoardCall call) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "call");
        message.put("session", call.info().sessionId());
        message.put("timeline", call.timeline());
        message.put("interim", call.interim());
        return write(message);
    }

    static String entry(String session, TimelineEntry entry) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "entry");
        message.put("session", session);
        message.put("entry", entry);
        return write(message);
    }

    static String interim(String session, String role, String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "interim");
        message.put("session", session);
        message.put("role", role);
        message.put("text", text);
        return write(message);
    }

    /** What this instance tells the others' consoles it holds: its live calls. */
    public static String announcement(List<CallSummary> calls) {
        return write(calls);
    }

    /** Another instance's announcement; nothing when it cannot be read (a newer version's, say). */
    public static List<CallSummary> announced(String json) {
        try {
            return List.of(JSON.readValue(json, CallSummary[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** The viewer fell behind and messages were dropped: what follows starts over. */
    public static String resync() {
        return "{\"type\":\"resync\"}";
    }

    /** As many viewers as allowed already watch: this one should try again later. */
    public static String full() {
        return "{\"type\":\"full\"}";
    }

    private static String write(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the console's messages are plain data", e);
        }
    }
}
