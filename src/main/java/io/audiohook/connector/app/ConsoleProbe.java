package io.audiohook.connector.app;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.dialogflow.v2beta1.Participant;

import io.audiohook.connector.assist.AssistCall;
import io.audiohook.connector.assist.AssistCallFactory;
import io.audiohook.connector.assist.ParticipantCounters;
import io.audiohook.connector.call.CallInfo;
import io.audiohook.connector.console.CallProbe;
import io.audiohook.connector.console.CallSummary;
import io.audiohook.connector.publish.RedisPublisher;

/** What the console shows of a call's Dialogflow streams (the Agent Assist layer) and its desktop (the publisher). */
final class ConsoleProbe implements CallProbe {
    private static final Map<String, String> STATES = Map.of("WAITING_SETUP", "setting up", "OPENING", "opening",
            "STREAMING", "streaming", "RESTARTING", "restarting", "PAUSED", "paused", "STOPPED", "stopped");

    private final Optional<AssistCallFactory> assist;
    private final Optional<RedisPublisher> publisher;

    ConsoleProbe(Optional<AssistCallFactory> assist, Optional<RedisPublisher> publisher) {
        this.assist = assist;
        this.publisher = publisher;
    }

    @Override
    public Map<String, CallSummary.Stream> streams(String sessionId) {
        Optional<AssistCall> call = assist.flatMap(f -> f.call(sessionId));
        Map<String, CallSummary.Stream> streams = new LinkedHashMap<>();
        call.ifPresent(c -> {
            for (Participant.Role role : c.roles()) {
                ParticipantCounters counters = c.counters(role).orElseThrow();
                String state = c.state(role).map(s -> STATES.getOrDefault(s, s.toLowerCase(Locale.ROOT)))
                        .orElse("unknown");
                long restarts = counters.restarts().values().stream().mapToLong(Long::longValue).sum();
                streams.put(role.name(), new CallSummary.Stream(state, counters.recycles(), restarts,
                        counters.bytesDropped()));
            }
        });
        return streams;
    }

    @Override
    public String desktop(CallInfo info) {
        if (publisher.isEmpty() || !info.assists()) {
            return "off";
        }
        Optional<AssistCall> call = assist.flatMap(f -> f.call(info.sessionId()));
        if (call.isEmpty()) {
            return "off";
        }
        return publisher.get().awaitingDesktop(call.get().conversationName()) ? "waiting" : "joined";
    }
}
