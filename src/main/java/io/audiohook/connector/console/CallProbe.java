package io.audiohook.connector.console;

import java.util.Map;

import io.audiohook.connector.call.CallInfo;

/**
 * What the console asks about a live call that only other layers know: the state of its Dialogflow streams and
 * whether its agent's desktop has joined. Asked on the console's tick, never on a call's path.
 */
public interface CallProbe {
    CallProbe NONE = new CallProbe() {
    };

    /** Per role ({@code END_USER}, {@code HUMAN_AGENT}); empty for a call that is not sent to Agent Assist. */
    default Map<String, CallSummary.Stream> streams(String sessionId) {
        return Map.of();
    }

    /** {@code joined}, {@code waiting} or {@code off}. */
    default String desktop(CallInfo call) {
        return "off";
    }
}
